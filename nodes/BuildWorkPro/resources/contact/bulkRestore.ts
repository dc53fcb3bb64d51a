import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { contact } from './fields';

/** POST /contacts/bulk {operation: 'restore', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkRestoreOperation = bulkRecords(
	contact,
	{
		value: 'bulkRestore',
		name: 'Bulk Restore',
		action: 'Restore many contacts',
		description:
			'Restore all the deleted contacts whose IDs the input items give, in background jobs of at most 500 IDs each. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'restore',
);

export const bulkRestoreFields = forOperations(
	contact,
	['bulkRestore'],
	[bulkIdsProperty(contact, 'restore'), waitForCompletionProperty('the bulk restore')],
);
