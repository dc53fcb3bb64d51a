import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { bid, bidFilters } from './fields';

/** GET /bids/count → { total }. */
export const countOperation = readCollection(
	bid,
	{
		value: 'count',
		name: 'Count',
		action: 'Count bids',
		description:
			'Count the bids that match the filters (same filters as Get Many). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(bid, ['count'], [filtersProperty(bidFilters)]);
