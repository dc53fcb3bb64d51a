import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { contactBodyFields, contactTypeOptions, optionsCollection } from '../../shared/descriptions';
import { sendSingleRequest } from '../../shared/transport';

const show = { resource: ['contact'], operation: ['create'] };

/** POST /contacts → 201 with the new contact; the node outputs the contact. */
export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a contact',
	description: 'Create a new contact',
	routing: {
		request: { method: 'POST', url: '/contacts' },
		// n8n passes the built request to `operations.pagination` only when `paginate` is set:
		// that is how the transport (retries, pacing, idempotency) gets to send it.
		send: { paginate: true },
		operations: { pagination: sendSingleRequest },
	},
};

export const createFields: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		required: true,
		options: contactTypeOptions,
		default: 'customer',
		description: 'What kind of contact this is',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: contactBodyFields,
	},
	optionsCollection('create', true),
];
