import { deleteRecord } from '../../description/operations';
import { payApp } from './fields';

/** DELETE /pay-apps/{id}: drafts only. */
export const deleteOperation = deleteRecord(payApp, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a pay application',
	description:
		'Destructive: delete the draft pay application with this pay app ID (refused once it is submitted). Returns its ID with deleted set to true.',
});
