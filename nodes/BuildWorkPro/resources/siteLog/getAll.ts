import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { siteLog, siteLogFilters } from './fields';

/** GET /site-logs, page after page (cursor). */
export const getAllOperation = listRecords(siteLog, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many site logs',
	description:
		'List site logs, optionally filtered by project ID, log date range (ISO 8601), tag, review status or a search text. Returns one item per site log, up to Limit unless Return All is on.',
	fields: listProperties(siteLogFilters),
});
