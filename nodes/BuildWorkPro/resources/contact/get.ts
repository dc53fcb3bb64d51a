import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { contactIdField, optionsCollection } from '../../shared/descriptions';
import { requireNumericContactId } from '../../shared/preSend';
import { sendSingleRequest } from '../../shared/transport';

/** GET /contacts/{id} → the contact; 404 when it does not exist or was deleted. */
export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a contact',
	description: 'Retrieve a contact by ID',
	routing: {
		request: { method: 'GET', url: '=/contacts/{{ String($parameter.contactId).trim() }}' },
		send: { paginate: true, preSend: [requireNumericContactId] },
		operations: { pagination: sendSingleRequest },
	},
};

export const getFields: INodeProperties[] = [
	contactIdField('get', 'ID of the contact to retrieve'),
	optionsCollection('get', false),
];
