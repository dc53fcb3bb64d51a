import { forOperations } from '../../shared/fields';
import { binaryOutputProperty } from '../../files/downloads';
import { downloadRecordPdf } from '../../shared/operations';
import { invoice } from './fields';

/** GET /invoices/{id}/pdf answers the PDF itself. */
export const downloadPdfOperation = downloadRecordPdf(
	invoice,
	{
		value: 'downloadPdf',
		name: 'Download PDF',
		action: 'Download the PDF of an invoice',
		description:
			'Download the PDF of the invoice with this invoice ID, rendered by BuildWorkPro. Returns the invoice ID and the PDF as binary data in the chosen field, with its file name and type, ready for Gmail, Google Drive or Slack.',
	},
	'stream',
);

export const downloadPdfFields = forOperations(invoice, ['downloadPdf'], [binaryOutputProperty()]);
