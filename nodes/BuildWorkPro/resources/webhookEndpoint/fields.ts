import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BUILDWORKPRO_EVENT_TYPES, eventDisplayName } from '../../../BuildWorkProTrigger/events';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/**
 * Webhook endpoints (/webhook-endpoints): URLs BuildWorkPro sends events to. The BuildWorkPro
 * Trigger registers and removes its own endpoint; this resource manages any endpoint by hand.
 */
export const webhookEndpoint: ResourceSpec = {
	value: 'webhookEndpoint',
	noun: 'webhook endpoint',
	path: '/webhook-endpoints',
	idParameter: 'webhookEndpointId',
	idLabel: 'Webhook Endpoint ID',
};

/**
 * Every event type an endpoint can subscribe to, as the API names them (the `eventTypes` enum of
 * openapi.json), under the names the Trigger shows: the Trigger's list, so that the two nodes
 * never offer different events. Alphabetical, as n8n lists options.
 */
export const eventTypeOptions: INodePropertyOptions[] = BUILDWORKPRO_EVENT_TYPES.map(
	(eventType) => ({
		name: eventDisplayName(eventType),
		value: eventType,
		description: `Sent as "${eventType}"`,
	}),
).sort((a, b) => a.name.localeCompare(b.name));

export const endpointUrl: FieldSpec = {
	name: 'url',
	displayName: 'URL',
	kind: 'string',
	placeholder: 'https://hooks.example.com/buildworkpro',
	description: 'Where BuildWorkPro sends the events (BuildWorkPro accepts only public HTTPS URLs)',
};

/** The events to subscribe to: at least one, sent as the API's event type names. */
export function eventTypesProperty(required: boolean): INodeProperties {
	return {
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: eventTypeOptions,
		default: [],
		...(required ? { required: true } : {}),
		description: 'The events BuildWorkPro sends to the URL (at least one)',
		routing: { send: { type: 'body', property: 'eventTypes' } },
	};
}

export const endpointDescription: FieldSpec = {
	name: 'description',
	displayName: 'Description',
	kind: 'text',
	nullable: true,
	description: 'A note on what the endpoint is for (up to 2,000 characters)',
	updateDescription:
		'A note on what the endpoint is for (up to 2,000 characters). Leave empty to clear it.',
};

export const endpointIsActive: FieldSpec = {
	name: 'isActive',
	displayName: 'Is Active',
	kind: 'boolean',
	default: true,
	description:
		'Whether BuildWorkPro sends events to the endpoint. BuildWorkPro turns it off after 20 failed deliveries in a row; turn it on here once the receiver works again.',
};
