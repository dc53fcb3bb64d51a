import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { bid, bidFilters } from './fields';

/** GET /bids, page after page (cursor). */
export const getAllOperation = listRecords(bid, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many bids',
	description:
		'List bids, optionally filtered by status, contact, lead or project ID, a search text or creation/update date (ISO 8601). Returns one item per bid, up to Limit unless Return All is on.',
	fields: listProperties(bidFilters),
});
