import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { changeOrder } from './fields';

/** POST /change-orders/bulk {operation: 'restore', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkRestoreOperation = bulkRecords(
	changeOrder,
	{
		value: 'bulkRestore',
		name: 'Bulk Restore',
		action: 'Restore many change orders',
		description:
			'Restore all the deleted change orders whose IDs the input items give, in background jobs of at most 500 IDs each. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'restore',
);

export const bulkRestoreFields = forOperations(
	changeOrder,
	['bulkRestore'],
	[bulkIdsProperty(changeOrder, 'restore'), waitForCompletionProperty('the bulk restore')],
);
