import type { INodeProperties } from 'n8n-workflow';

import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import {
	endpointDescription,
	endpointIsActive,
	endpointUrl,
	eventTypesProperty,
	webhookEndpoint,
} from './fields';

/** Update Fields: the field builders' collection, plus the Event Types multi-select, alphabetically. */
const collection = updateFieldsProperty([endpointUrl, endpointDescription, endpointIsActive]);
const options = [
	...((collection.options ?? []) as INodeProperties[]),
	eventTypesProperty(false),
].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** PATCH /webhook-endpoints/{id}. */
export const updateOperation = updateRecord(webhookEndpoint, {
	value: 'update',
	name: 'Update',
	action: 'Update a webhook endpoint',
	description:
		'Change the URL, event types (the new list replaces the old one), description or active state of the webhook endpoint with this ID; fields left out stay as they are. Returns the updated endpoint, without its signing secret.',
	fields: [{ ...collection, options }],
});
