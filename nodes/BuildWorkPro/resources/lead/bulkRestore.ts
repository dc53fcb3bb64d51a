import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { lead } from './fields';

/** POST /leads/bulk {operation: 'restore', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkRestoreOperation = bulkRecords(
	lead,
	{
		value: 'bulkRestore',
		name: 'Bulk Restore',
		action: 'Restore many leads',
		description:
			'Restore all the deleted leads whose IDs the input items give, in background jobs of at most 500 IDs each. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'restore',
);

export const bulkRestoreFields = forOperations(
	lead,
	['bulkRestore'],
	[bulkIdsProperty(lead, 'restore'), waitForCompletionProperty('the bulk restore')],
);
