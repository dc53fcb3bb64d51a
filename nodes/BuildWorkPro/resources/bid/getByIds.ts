import { forOperations, idsProperty } from '../../shared/fields';
import { getRecordsByIds } from '../../shared/operations';
import { bid } from './fields';

/** POST /bids/get-many with up to 50 IDs. */
export const getByIdsOperation = getRecordsByIds(bid, {
	value: 'getByIds',
	name: 'Get by IDs',
	action: 'Get bids by IDs',
	description:
		'Retrieve up to 50 bids in one request from a list of bid IDs (comma-separated). Returns one item per bid found, without line items; IDs that do not exist are left out.',
});

export const getByIdsFields = forOperations(bid, ['getByIds'], [idsProperty(bid)]);
