import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { project, projectFilters } from './fields';

/** GET /projects, page after page (cursor). */
export const getAllOperation = listRecords(project, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many projects',
	description:
		'List projects, optionally filtered by status, contact ID, a search text or creation/update date (ISO 8601). Returns one item per project, up to Limit unless Return All is on.',
	fields: listProperties(projectFilters),
});
