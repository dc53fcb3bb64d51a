import { forOperations, listProperties } from '../../shared/fields';
import { listRecords } from '../../shared/operations';
import { project, projectFilters } from './fields';

/** GET /projects, page after page (cursor). */
export const getAllOperation = listRecords(project, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many projects',
	description:
		'List projects, optionally filtered by status, contact ID, a search text or creation/update date (ISO 8601). Returns one item per project, up to Limit unless Return All is on.',
});

export const getAllFields = forOperations(project, ['getAll'], listProperties(projectFilters));
