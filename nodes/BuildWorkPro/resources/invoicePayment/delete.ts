import { requirePositiveId } from '../../routing/preSend';
import { customOperation, recordPath } from '../../description/operations';
import { invoice } from '../invoice/fields';
import { invoicePayment } from './fields';

/**
 * DELETE /invoices/{invoiceId}/payments/{paymentId}. BuildWorkPro voids the payment rather than
 * erasing it and answers 200 with the voided payment and the invoice, so the node outputs that
 * answer instead of the usual { id, deleted: true }.
 */
export const deleteOperation = customOperation(
	invoicePayment,
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an invoice payment',
		description:
			'Destructive: void a recorded payment, given its invoice ID and payment ID; it stays in the ledger with voidedAt set and no longer counts as paid. Returns the voided payment and the invoice with its new balance.',
	},
	{
		method: 'DELETE',
		url: `=${recordPath(invoicePayment)}`,
		preSend: [
			requirePositiveId(invoice.idParameter, invoice.idLabel),
			requirePositiveId(invoicePayment.idParameter, invoicePayment.idLabel),
		],
	},
);
