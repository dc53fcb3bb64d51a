import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { changeOrder, changeOrderSummaryFilters } from './fields';

/** GET /change-orders/summary → totals and a breakdown by status. */
export const getSummaryOperation = readCollection(
	changeOrder,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a change order summary',
		description:
			'Summarise change orders, optionally filtered by project ID or creation date: number of change orders and their total amount, overall and per status. Returns one item; amounts are decimal strings.',
		fields: [filtersProperty(changeOrderSummaryFilters)],
	},
	'summary',
);
