import { getRecord } from '../../description/operations';
import { changeOrder } from './fields';

/** GET /change-orders/{id}. */
export const getOperation = getRecord(changeOrder, {
	value: 'get',
	name: 'Get',
	action: 'Get a change order',
	description:
		'Retrieve one change order by its numeric change order ID. Returns the change order with its project ID, status, amount and approval details.',
});
