import { forOperations, updateFields as updateFieldsProperty } from '../../shared/fields';
import { updateRecord } from '../../shared/operations';
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
});

export const updateFields = forOperations(
	timeEntry,
	['update'],
	[
		updateFieldsProperty([
			timeEntryUser,
			timeEntryProject,
			timeEntryDate,
			timeEntryHours,
			...timeEntryFields,
		]),
	],
);
