import { getRecord } from '../../description/operations';
import { bid } from './fields';

/** GET /bids/{id}. */
export const getOperation = getRecord(bid, {
	value: 'get',
	name: 'Get',
	action: 'Get a bid',
	description:
		'Retrieve one bid by its numeric bid ID. Returns the bid with its status, totals (decimal strings), dates and site address.',
});
