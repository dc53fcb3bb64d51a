import { forOperations, updateFields as updateFieldsProperty } from '../../shared/fields';
import { updateRecord } from '../../shared/operations';
import { contact, contactFields, contactType } from './fields';

/** PATCH /contacts/{id} with only the chosen fields → the updated contact. */
export const updateOperation = updateRecord(contact, {
	value: 'update',
	name: 'Update',
	action: 'Update a contact',
	description:
		'Change some fields of the contact with this contact ID; fields left out stay as they are. Returns the updated contact.',
});

export const updateFields = forOperations(
	contact,
	['update'],
	[updateFieldsProperty([...contactFields, contactType])],
);
