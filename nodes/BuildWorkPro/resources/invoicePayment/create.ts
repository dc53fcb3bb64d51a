import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { invoicePayment, paymentAmount, paymentFields, paymentPaidAt } from './fields';

/** POST /invoices/{invoiceId}/payments → 201 with { payment, invoice }. */
export const createOperation = createRecord(invoicePayment, {
	value: 'create',
	name: 'Record',
	action: 'Record an invoice payment',
	description:
		'Record a payment received against the sent or partly paid invoice with this invoice ID. Needs the amount (decimal string, at most the balance due) and when it was paid (ISO 8601); method, reference and notes are optional. Returns the payment and the invoice with its new balance.',
	fields: [
		requiredBodyProperty(paymentAmount),
		requiredBodyProperty(paymentPaidAt),
		additionalFields(paymentFields),
	],
});
