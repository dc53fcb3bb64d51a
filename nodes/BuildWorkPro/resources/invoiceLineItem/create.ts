import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { invoiceLineItem, lineDescription, lineFields } from './fields';

/** POST /invoices/{invoiceId}/lines → 201 with the new line. */
export const createOperation = createRecord(invoiceLineItem, {
	value: 'create',
	name: 'Create',
	action: 'Create an invoice line item',
	description:
		'Add a line item to the draft invoice with this invoice ID. Needs a description; quantity and unit price (decimal strings), taxable, product ID and position are optional. Refused once the invoice is sent. Returns the new line item with its ID and amount.',
	fields: [requiredBodyProperty(lineDescription), additionalFields(lineFields)],
});
