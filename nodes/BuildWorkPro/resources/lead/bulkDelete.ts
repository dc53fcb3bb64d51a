import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { lead } from './fields';

/** POST /leads/bulk {operation: 'delete', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkDeleteOperation = bulkRecords(
	lead,
	{
		value: 'bulkDelete',
		name: 'Bulk Delete',
		action: 'Delete many leads',
		description:
			'Destructive: delete (soft delete) all the leads whose IDs the input items give, in background jobs of at most 500 IDs each; Bulk Restore undoes it. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'delete',
);

export const bulkDeleteFields = forOperations(
	lead,
	['bulkDelete'],
	[bulkIdsProperty(lead, 'delete'), waitForCompletionProperty('the bulk delete')],
);
