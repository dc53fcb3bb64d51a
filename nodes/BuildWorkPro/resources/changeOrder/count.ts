import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { changeOrder, changeOrderFilters } from './fields';

/** GET /change-orders/count → { total }. */
export const countOperation = readCollection(
	changeOrder,
	{
		value: 'count',
		name: 'Count',
		action: 'Count change orders',
		description:
			'Count the change orders that match the filters (same filters as Get Many). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(
	changeOrder,
	['count'],
	[filtersProperty(changeOrderFilters)],
);
