import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { document } from './fields';

/** POST /documents/bulk {operation: 'restore', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkRestoreOperation = bulkRecords(
	document,
	{
		value: 'bulkRestore',
		name: 'Bulk Restore',
		action: 'Restore many documents',
		description:
			'Restore all the deleted documents whose IDs the input items give, in background jobs of at most 500 IDs each. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'restore',
);

export const bulkRestoreFields = forOperations(
	document,
	['bulkRestore'],
	[bulkIdsProperty(document, 'restore'), waitForCompletionProperty('the bulk restore')],
);
