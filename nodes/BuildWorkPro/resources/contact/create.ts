import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { contact, contactFields, contactType } from './fields';

/** POST /contacts → 201 with the new contact. */
export const createOperation = createRecord(contact, {
	value: 'create',
	name: 'Create',
	action: 'Create a contact',
	description:
		'Create a contact (customer, general contractor, vendor, …). Needs its type; names, company, email and phone are optional. Returns the new contact with its ID.',
	fields: [requiredBodyProperty(contactType), additionalFields(contactFields)],
});
