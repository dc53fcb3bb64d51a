import { deleteRecord } from '../../description/operations';
import { invoice } from './fields';

/** DELETE /invoices/{id}: drafts only (a soft delete). */
export const deleteOperation = deleteRecord(invoice, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an invoice',
	description:
		'Destructive: delete the draft invoice with this invoice ID (refused once it is sent; void a sent invoice instead). Returns its ID with deleted set to true.',
});
