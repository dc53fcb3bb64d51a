import { defineResource } from '../../description/defineResource';
import { getAllOperation } from './getAll';
import { calendarEvent } from './fields';

/** The Calendar Event resource (read-only): its operations. */
export const calendarEventResource = defineResource({
	resource: calendarEvent,
	name: 'Calendar Event',
	operations: [getAllOperation],
});
