import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { document } from './fields';

/** POST /documents/bulk {operation: 'delete', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkDeleteOperation = bulkRecords(
	document,
	{
		value: 'bulkDelete',
		name: 'Bulk Delete',
		action: 'Delete many documents',
		description:
			'Destructive: delete (soft delete) all the documents whose IDs the input items give, in background jobs of at most 500 IDs each; Bulk Restore undoes it. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'delete',
);

export const bulkDeleteFields = forOperations(
	document,
	['bulkDelete'],
	[bulkIdsProperty(document, 'delete'), waitForCompletionProperty('the bulk delete')],
);
