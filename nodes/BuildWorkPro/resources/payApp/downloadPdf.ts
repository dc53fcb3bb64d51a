import { forOperations } from '../../shared/fields';
import { binaryOutputProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { downloadRecordPdf } from '../../shared/operations';
import { payApp } from './fields';

/** POST /pay-apps/{id}/pdf starts a job; its file comes from GET /jobs/{id}/download. */
export const downloadPdfOperation = downloadRecordPdf(
	payApp,
	{
		value: 'downloadPdf',
		name: 'Download PDF',
		action: 'Download the PDF of a pay application',
		description:
			'Generate the PDF of the pay application with this pay app ID (the document the general contractor signs) and download it. BuildWorkPro renders it in a background job; by default the node waits for it. Returns the pay app ID and the PDF as binary data in the chosen field, with its file name and type (without waiting: the job ID to check on later).',
	},
	'job',
);

export const downloadPdfFields = forOperations(
	payApp,
	['downloadPdf'],
	[binaryOutputProperty(), waitForCompletionProperty('the PDF')],
);
