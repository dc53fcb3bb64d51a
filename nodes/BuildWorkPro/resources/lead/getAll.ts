import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { lead, leadFilters } from './fields';

/** GET /leads, page after page (cursor). */
export const getAllOperation = listRecords(lead, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many leads',
	description:
		'List leads, optionally filtered by stage, assignee, a search text or creation/update date (ISO 8601). Returns one item per lead, up to Limit unless Return All is on.',
	fields: listProperties(leadFilters),
});
