import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { contact, contactFields, contactType } from './fields';

/** PATCH /contacts/{id} with only the chosen fields → the updated contact. */
export const updateOperation = updateRecord(contact, {
	value: 'update',
	name: 'Update',
	action: 'Update a contact',
	description:
		'Change some fields of the contact with this contact ID; fields left out stay as they are. Returns the updated contact.',
	fields: [updateFieldsProperty([...contactFields, contactType])],
});
