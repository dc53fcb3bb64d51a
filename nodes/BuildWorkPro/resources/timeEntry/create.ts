import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import {
	timeEntry,
	timeEntryDate,
	timeEntryFields,
	timeEntryHours,
	timeEntryProject,
	timeEntryUser,
} from './fields';

/** POST /time-entries → 201 with the new time entry. */
export const createOperation = createRecord(timeEntry, {
	value: 'create',
	name: 'Create',
	action: 'Create a time entry',
	description:
		'Book hours worked by a user on a project. Needs the user, the project ID, the work date and the hours (0.25 to 24); notes, task, phase, clock times and location are optional. Returns the new time entry with its ID, hours as a decimal string.',
	fields: [
		requiredBodyProperty(timeEntryUser),
		requiredBodyProperty(timeEntryProject),
		requiredBodyProperty(timeEntryDate),
		requiredBodyProperty(timeEntryHours),
		additionalFields(timeEntryFields),
	],
});
