import { deleteRecord } from '../../description/operations';
import { changeOrder } from './fields';

/** DELETE /change-orders/{id}. */
export const deleteOperation = deleteRecord(changeOrder, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a change order',
	description:
		'Destructive: delete the change order with this change order ID. Returns its ID with deleted set to true.',
});
