import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { timeEntry, timeEntryFilters } from './fields';

/** GET /time-entries, page after page (cursor). */
export const getAllOperation = listRecords(timeEntry, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many time entries',
	description:
		'List time entries, optionally filtered by project ID, user, work date range (ISO 8601) or review status. Returns one item per time entry, up to Limit unless Return All is on.',
	fields: listProperties(timeEntryFilters),
});
