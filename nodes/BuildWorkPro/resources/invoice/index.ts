import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { createFromBidOperation } from './createFromBid';
import { createFromPayAppOperation } from './createFromPayApp';
import { deleteOperation } from './delete';
import { downloadPdfOperation } from './downloadPdf';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { markPaidOperation } from './markPaid';
import { markSentOperation } from './markSent';
import { sendOperation } from './send';
import { syncToQuickBooksOperation } from './syncToQuickBooks';
import { updateOperation } from './update';
import { voidOperation } from './void';
import { invoice } from './fields';

/** The Invoice resource: its operations. */
export const invoiceResource = defineResource({
	resource: invoice,
	name: 'Invoice',
	operations: [
		createOperation,
		createFromBidOperation,
		createFromPayAppOperation,
		deleteOperation,
		downloadPdfOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		markPaidOperation,
		markSentOperation,
		sendOperation,
		syncToQuickBooksOperation,
		updateOperation,
		voidOperation,
	],
});
