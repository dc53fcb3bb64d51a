import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { endpointDescription, endpointUrl, eventTypesProperty, webhookEndpoint } from './fields';

/** POST /webhook-endpoints → 201 with the endpoint and its signing secret (shown this once). */
export const createOperation = createRecord(webhookEndpoint, {
	value: 'create',
	name: 'Create',
	action: 'Create a webhook endpoint',
	description:
		'Register a URL that BuildWorkPro sends events to. Needs the URL and at least one event type; a description is optional. Returns the new endpoint with its ID and its signing secret, which BuildWorkPro shows only this once: store it to verify deliveries.',
	fields: [
		requiredBodyProperty(endpointUrl),
		eventTypesProperty(true),
		additionalFields([endpointDescription]),
	],
});
