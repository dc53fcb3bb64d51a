import { getRecord } from '../../description/operations';
import { invoice } from './fields';

/** GET /invoices/{id}. */
export const getOperation = getRecord(invoice, {
	value: 'get',
	name: 'Get',
	action: 'Get an invoice',
	description:
		'Retrieve one invoice by its numeric invoice ID. Returns the invoice with its status, dates, totals, amount paid and balance due (decimal strings) and its line items.',
});
