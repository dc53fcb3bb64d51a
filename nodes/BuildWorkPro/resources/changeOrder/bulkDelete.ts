import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { changeOrder } from './fields';

/** POST /change-orders/bulk {operation: 'delete', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkDeleteOperation = bulkRecords(
	changeOrder,
	{
		value: 'bulkDelete',
		name: 'Bulk Delete',
		action: 'Delete many change orders',
		description:
			'Destructive: delete (soft delete) all the change orders whose IDs the input items give, in background jobs of at most 500 IDs each; Bulk Restore undoes it. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'delete',
);

export const bulkDeleteFields = forOperations(
	changeOrder,
	['bulkDelete'],
	[bulkIdsProperty(changeOrder, 'delete'), waitForCompletionProperty('the bulk delete')],
);
