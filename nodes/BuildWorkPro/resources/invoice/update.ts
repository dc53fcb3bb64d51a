import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { invoice, invoiceContact, invoiceFields, invoiceIssueDate, invoiceProject } from './fields';

/** PATCH /invoices/{id}: drafts only (409 otherwise). Lines are changed with Invoice Line Item. */
export const updateOperation = updateRecord(invoice, {
	value: 'update',
	name: 'Update',
	action: 'Update an invoice',
	description:
		'Change some fields of the draft invoice with this invoice ID; fields left out stay as they are (lines are changed with the Invoice Line Item resource). Refused once it is sent. Returns the updated invoice with its totals recomputed.',
	fields: [
		updateFieldsProperty([
			invoiceProject,
			invoiceContact,
			{ ...invoiceIssueDate, nullable: true },
			...invoiceFields,
		]),
	],
});
