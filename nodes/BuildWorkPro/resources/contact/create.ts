import { additionalFields, forOperations, requiredBodyProperty } from '../../shared/fields';
import { createRecord } from '../../shared/operations';
import { contact, contactFields, contactType } from './fields';

/** POST /contacts → 201 with the new contact. */
export const createOperation = createRecord(contact, {
	value: 'create',
	name: 'Create',
	action: 'Create a contact',
	description:
		'Create a contact (customer, general contractor, vendor, …). Needs its type; names, company, email and phone are optional. Returns the new contact with its ID.',
});

export const createFields = forOperations(
	contact,
	['create'],
	[requiredBodyProperty(contactType), additionalFields(contactFields)],
);
