import { listProperties } from '../../description/fields';
import { customOperation } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { normalizeListFilters } from '../../routing/preSend';
import { calendarEvent, calendarFilters, windowProperties } from './fields';
import { requireCalendarWindow } from './preSend';

/** GET /calendar/events?start&end: the whole window in one answer (not paginated). */
export const getAllOperation = customOperation(
	calendarEvent,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many calendar events',
		description:
			'List the calendar events (projects, tasks, phases, leads, bids, activities) that overlap a time window of at most 366 days between Start and End, optionally only some types, one assignee or one project ID. Returns one item per event, up to Limit unless Return All is on.',
		fields: [...windowProperties, ...listProperties([]), calendarFilters()],
	},
	{
		method: 'GET',
		url: calendarEvent.path,
		preSend: [normalizeListFilters, requireCalendarWindow],
		pager: fetchWholeList,
	},
);
