import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { invoicePayment, paymentAmount, paymentFields, paymentPaidAt } from './fields';

/** PATCH /invoices/{invoiceId}/payments/{paymentId} → { payment, invoice }. */
export const updateOperation = updateRecord(invoicePayment, {
	value: 'update',
	name: 'Update',
	action: 'Update an invoice payment',
	description:
		'Correct a recorded payment, given its invoice ID and payment ID; fields left out stay as they are. Refused for voided payments and voided invoices. Returns the payment and the invoice with its new balance.',
	fields: [updateFieldsProperty([paymentAmount, paymentPaidAt, ...paymentFields])],
});
