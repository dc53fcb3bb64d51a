import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { timeEntry } from './fields';

/** POST /time-entries/bulk {operation: 'delete', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkDeleteOperation = bulkRecords(
	timeEntry,
	{
		value: 'bulkDelete',
		name: 'Bulk Delete',
		action: 'Delete many time entries',
		description:
			'Destructive: delete (soft delete) all the time entries whose IDs the input items give, in background jobs of at most 500 IDs each; Bulk Restore undoes it. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'delete',
);

export const bulkDeleteFields = forOperations(
	timeEntry,
	['bulkDelete'],
	[bulkIdsProperty(timeEntry, 'delete'), waitForCompletionProperty('the bulk delete')],
);
