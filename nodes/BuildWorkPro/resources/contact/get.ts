import { getRecord } from '../../description/operations';
import { contact } from './fields';

/** GET /contacts/{id} → the contact; 404 when it does not exist or was deleted. */
export const getOperation = getRecord(contact, {
	value: 'get',
	name: 'Get',
	action: 'Get a contact',
	description:
		'Retrieve one contact by its numeric contact ID. Returns the contact with names, company, email, phone and type.',
});
