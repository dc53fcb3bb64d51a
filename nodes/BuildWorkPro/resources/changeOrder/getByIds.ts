import { forOperations, idsProperty } from '../../shared/fields';
import { getRecordsByIds } from '../../shared/operations';
import { changeOrder } from './fields';

/** POST /change-orders/get-many with up to 50 IDs. */
export const getByIdsOperation = getRecordsByIds(changeOrder, {
	value: 'getByIds',
	name: 'Get by IDs',
	action: 'Get change orders by IDs',
	description:
		'Retrieve up to 50 change orders in one request from a list of change order IDs (comma-separated). Returns one item per change order found; IDs that do not exist are left out.',
});

export const getByIdsFields = forOperations(changeOrder, ['getByIds'], [idsProperty(changeOrder)]);
