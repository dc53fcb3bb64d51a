import { forOperations } from '../../shared/fields';
import { binaryOutputProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { downloadRecordPdf } from '../../shared/operations';
import { bid } from './fields';

/** POST /bids/{id}/pdf starts a job; its file comes from GET /jobs/{id}/download. */
export const downloadPdfOperation = downloadRecordPdf(
	bid,
	{
		value: 'downloadPdf',
		name: 'Download PDF',
		action: 'Download the PDF of a bid',
		description:
			'Generate the PDF of the bid with this bid ID (the document sent to the customer) and download it. BuildWorkPro renders it in a background job; by default the node waits for it. Returns the bid ID and the PDF as binary data in the chosen field, with its file name and type (without waiting: the job ID to check on later).',
	},
	'job',
);

export const downloadPdfFields = forOperations(
	bid,
	['downloadPdf'],
	[binaryOutputProperty(), waitForCompletionProperty('the PDF')],
);
