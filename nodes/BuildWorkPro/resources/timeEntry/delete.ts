import { deleteRecord } from '../../description/operations';
import { timeEntry } from './fields';

/** DELETE /time-entries/{id}. */
export const deleteOperation = deleteRecord(timeEntry, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a time entry',
	description:
		'Destructive: delete the time entry with this time entry ID. Returns its ID with deleted set to true.',
});
