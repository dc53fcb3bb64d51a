import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { timeEntry } from './fields';

/** POST /time-entries/bulk {operation: 'restore', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkRestoreOperation = bulkRecords(
	timeEntry,
	{
		value: 'bulkRestore',
		name: 'Bulk Restore',
		action: 'Restore many time entries',
		description:
			'Restore all the deleted time entries whose IDs the input items give, in background jobs of at most 500 IDs each. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'restore',
);

export const bulkRestoreFields = forOperations(
	timeEntry,
	['bulkRestore'],
	[bulkIdsProperty(timeEntry, 'restore'), waitForCompletionProperty('the bulk restore')],
);
