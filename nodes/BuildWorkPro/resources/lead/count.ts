import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { lead, leadFilters } from './fields';

/** GET /leads/count → { total }. */
export const countOperation = readCollection(
	lead,
	{
		value: 'count',
		name: 'Count',
		action: 'Count leads',
		description:
			'Count the leads that match the filters (same filters as Get Many). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(lead, ['count'], [filtersProperty(leadFilters)]);
