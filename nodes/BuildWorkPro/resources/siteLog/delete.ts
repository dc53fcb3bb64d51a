import { deleteRecord } from '../../description/operations';
import { siteLog } from './fields';

/** DELETE /site-logs/{id}. */
export const deleteOperation = deleteRecord(siteLog, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a site log',
	description:
		'Destructive: delete the site log with this site log ID. Returns its ID with deleted set to true.',
});
