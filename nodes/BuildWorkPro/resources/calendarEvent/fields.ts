import type { INodeProperties } from 'n8n-workflow';

import { userChoice } from '../../description/choices';
import { filtersProperty, type FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** Calendar events: a read-only view of dated work (projects, tasks, phases, leads, bids, activities). */
export const calendarEvent: ResourceSpec = {
	value: 'calendarEvent',
	noun: 'calendar event',
	path: '/calendar/events',
	idParameter: 'calendarEventId',
	idLabel: 'Calendar Event ID',
};

/** The kinds of event BuildWorkPro's calendar brings together (the `type` of each event). */
export const EVENT_TYPES = [
	{ name: 'Activity', value: 'activity' },
	{ name: 'Bid', value: 'bid' },
	{ name: 'Lead', value: 'lead' },
	{ name: 'Phase', value: 'phase' },
	{ name: 'Project', value: 'project' },
	{ name: 'Task', value: 'task' },
];

/** The window, both ends required by the API: top-level date pickers sent as `start` and `end`. */
export const windowProperties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Beginning of the time window; events that overlap the window are returned (UTC unless the value has an offset)',
		routing: { send: { type: 'query', property: 'start' } },
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'End of the time window, at most 366 days after Start (UTC unless the value has an offset)',
		routing: { send: { type: 'query', property: 'end' } },
	},
];

const filterSpecs: FieldSpec[] = [
	userChoice('assignedTo', 'Assigned To Name or ID', 'Only events assigned to this user.'),
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only events of this project',
	},
];

/** Several types at once, sent as one comma-separated `types` parameter. */
const typesFilter: INodeProperties = {
	displayName: 'Types',
	name: 'types',
	type: 'multiOptions',
	options: EVENT_TYPES,
	default: [],
	description: 'Only events of these kinds',
	routing: {
		send: { type: 'query', property: 'types', value: '={{ [].concat($value ?? []).join(",") }}' },
	},
};

export function calendarFilters(): INodeProperties {
	const filters = filtersProperty(filterSpecs);
	filters.options = [...(filters.options as INodeProperties[]), typesFilter].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return filters;
}
