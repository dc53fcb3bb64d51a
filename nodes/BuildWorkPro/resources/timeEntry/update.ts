import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import {
	timeEntry,
	timeEntryDate,
	timeEntryFields,
	timeEntryHours,
	timeEntryProject,
	timeEntryUser,
} from './fields';

/** PATCH /time-entries/{id}. */
export const updateOperation = updateRecord(timeEntry, {
	value: 'update',
	name: 'Update',
	action: 'Update a time entry',
	description:
		'Change some fields of the time entry with this time entry ID, such as its hours, date or review status; fields left out stay as they are. Returns the updated time entry.',
	fields: [
		updateFieldsProperty([
			timeEntryUser,
			timeEntryProject,
			timeEntryDate,
			timeEntryHours,
			...timeEntryFields,
		]),
	],
});
