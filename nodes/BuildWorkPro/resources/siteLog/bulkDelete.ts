import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { siteLog } from './fields';

/** POST /site-logs/bulk {operation: 'delete', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkDeleteOperation = bulkRecords(
	siteLog,
	{
		value: 'bulkDelete',
		name: 'Bulk Delete',
		action: 'Delete many site logs',
		description:
			'Destructive: delete (soft delete) all the site logs whose IDs the input items give, in background jobs of at most 500 IDs each; Bulk Restore undoes it. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'delete',
);

export const bulkDeleteFields = forOperations(
	siteLog,
	['bulkDelete'],
	[bulkIdsProperty(siteLog, 'delete'), waitForCompletionProperty('the bulk delete')],
);
