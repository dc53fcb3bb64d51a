import { getRecord } from '../../description/operations';
import { siteLog } from './fields';

/** GET /site-logs/{id}. */
export const getOperation = getRecord(siteLog, {
	value: 'get',
	name: 'Get',
	action: 'Get a site log',
	description:
		'Retrieve one site log by its numeric site log ID. Returns the site log with its project ID, log date, notes, tags and whether it has been reviewed.',
});
