import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { bid, bidSummaryFilters } from './fields';

/** GET /bids/summary → totals and a breakdown by status. */
export const getSummaryOperation = readCollection(
	bid,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a bid summary',
		description:
			'Summarise bids, optionally filtered by contact ID, creator or creation date: number of bids and their total value, overall and per status. Returns one item; amounts are decimal strings.',
		fields: [filtersProperty(bidSummaryFilters)],
	},
	'summary',
);
