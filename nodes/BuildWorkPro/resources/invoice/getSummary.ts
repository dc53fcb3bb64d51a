import { readCollection } from '../../description/operations';
import { invoice } from './fields';

/** GET /invoices/summary (no filters). */
export const getSummaryOperation = readCollection(
	invoice,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get an invoice summary',
		description:
			"Summarise all of the tenant's invoices: how many, their total, amount paid and balance due, overall and per status. Takes no input. Returns one item; amounts are decimal strings.",
	},
	'summary',
);
