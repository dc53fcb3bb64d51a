import { forOperations } from '../../shared/fields';
import { binaryOutputProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { downloadRecordPdf } from '../../shared/operations';
import { changeOrder } from './fields';

/** POST /change-orders/{id}/pdf starts a job; its file comes from GET /jobs/{id}/download. */
export const downloadPdfOperation = downloadRecordPdf(
	changeOrder,
	{
		value: 'downloadPdf',
		name: 'Download PDF',
		action: 'Download the PDF of a change order',
		description:
			'Generate the PDF of the change order with this change order ID and download it. BuildWorkPro renders it in a background job; by default the node waits for it. Returns the change order ID and the PDF as binary data in the chosen field, with its file name and type (without waiting: the job ID to check on later).',
	},
	'job',
);

export const downloadPdfFields = forOperations(
	changeOrder,
	['downloadPdf'],
	[binaryOutputProperty(), waitForCompletionProperty('the PDF')],
);
