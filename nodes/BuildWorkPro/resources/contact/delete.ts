import { deleteRecord } from '../../description/operations';
import { contact } from './fields';

/** DELETE /contacts/{id} (a soft delete: afterwards the contact is "not found"). */
export const deleteOperation = deleteRecord(contact, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a contact',
	description:
		'Destructive: delete the contact with this contact ID. Returns its ID with deleted set to true; afterwards Get finds no such contact.',
});
