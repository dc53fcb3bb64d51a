import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { job, jobFilters } from './fields';

/** GET /jobs, page after page (cursor). */
export const getAllOperation = listRecords(job, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many jobs',
	description:
		"List the account's background jobs, optionally filtered by status, type or resource type. Returns one item per job with its status and progress, up to Limit unless Return All is on.",
	fields: listProperties(jobFilters),
});
