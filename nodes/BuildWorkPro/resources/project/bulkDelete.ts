import { forOperations } from '../../shared/fields';
import { bulkIdsProperty, bulkRecords } from '../../files/bulk';
import { waitForCompletionProperty } from '../../files/jobs';
import { project } from './fields';

/** POST /projects/bulk {operation: 'delete', ids}: the IDs of all input items, in jobs of at most 500. */
export const bulkDeleteOperation = bulkRecords(
	project,
	{
		value: 'bulkDelete',
		name: 'Bulk Delete',
		action: 'Delete many projects',
		description:
			'Destructive: delete (soft delete) all the projects whose IDs the input items give, in background jobs of at most 500 IDs each; Bulk Restore undoes it. Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).',
	},
	'delete',
);

export const bulkDeleteFields = forOperations(
	project,
	['bulkDelete'],
	[bulkIdsProperty(project, 'delete'), waitForCompletionProperty('the bulk delete')],
);
