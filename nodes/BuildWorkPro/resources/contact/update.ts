import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { contactBodyFields, contactIdField, contactTypeOptions, optionsCollection } from '../../shared/descriptions';
import { requireNumericContactId, requireUpdateFields } from '../../shared/preSend';
import { sendSingleRequest } from '../../shared/transport';

/** PATCH /contacts/{id} with only the chosen fields → the updated contact. */
export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a contact',
	description: 'Change some fields of a contact',
	routing: {
		request: { method: 'PATCH', url: '=/contacts/{{ String($parameter.contactId).trim() }}' },
		send: { paginate: true, preSend: [requireNumericContactId, requireUpdateFields] },
		operations: { pagination: sendSingleRequest },
	},
};

const typeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: contactTypeOptions,
	default: 'customer',
	routing: { send: { type: 'body', property: 'type' } },
};

export const updateFields: INodeProperties[] = [
	contactIdField('update', 'ID of the contact to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['update'] } },
		options: [...contactBodyFields, typeField].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection('update', true),
];
