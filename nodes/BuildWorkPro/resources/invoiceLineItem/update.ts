import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { invoiceLineItem, lineDescription, lineFields } from './fields';

/** PATCH /invoices/{invoiceId}/lines/{lineItemId}. */
export const updateOperation = updateRecord(invoiceLineItem, {
	value: 'update',
	name: 'Update',
	action: 'Update an invoice line item',
	description:
		'Change some fields of a line item, given its invoice ID and line item ID; fields left out stay as they are. Refused once the invoice is sent. Returns the updated line item with its amount.',
	fields: [updateFieldsProperty([lineDescription, ...lineFields])],
});
