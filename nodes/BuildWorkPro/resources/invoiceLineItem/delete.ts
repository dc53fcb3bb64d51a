import { deleteRecord } from '../../description/operations';
import { invoiceLineItem } from './fields';

/** DELETE /invoices/{invoiceId}/lines/{lineItemId}. */
export const deleteOperation = deleteRecord(invoiceLineItem, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an invoice line item',
	description:
		'Destructive: remove a line item from its invoice, given the invoice ID and line item ID (refused once the invoice is sent). Returns the line item ID with deleted set to true.',
});
