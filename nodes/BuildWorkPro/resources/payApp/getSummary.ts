import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
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
	},
	'summary',
);

export const getSummaryFields = forOperations(
	payApp,
	['getSummary'],
	[filtersProperty(payAppSummaryFilters)],
);
