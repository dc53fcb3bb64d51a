import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { payApp, payAppSummaryFilters } from './fields';

/** GET /pay-apps/summary → totals and a breakdown by status. */
export const getSummaryOperation = readCollection(
	payApp,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a pay application summary',
		description:
			'Summarise pay applications, optionally filtered by project ID or submission date: how many, the amounts invoiced, paid and outstanding, and the amount billed per status. Returns one item; amounts are decimal strings.',
		fields: [filtersProperty(payAppSummaryFilters)],
	},
	'summary',
);
