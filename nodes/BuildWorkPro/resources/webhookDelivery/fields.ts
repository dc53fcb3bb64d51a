import { dateFilters } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';
import { eventTypeOptions } from '../webhookEndpoint/fields';

/** Webhook deliveries (/webhook-deliveries): one row per event sent to an endpoint, with its attempts. */
export const webhookDelivery: ResourceSpec = {
	value: 'webhookDelivery',
	noun: 'webhook delivery',
	path: '/webhook-deliveries',
	idParameter: 'webhookDeliveryId',
	idLabel: 'Webhook Delivery ID',
};

/** The delivery states of openapi.json's `status` enum. */
const STATUSES = ['exhausted', 'failed', 'pending', 'succeeded'].map((status) => ({
	name: status[0].toUpperCase() + status.slice(1),
	value: status,
}));

/** Filters of Get Many. */
export const deliveryFilters: FieldSpec[] = [
	...dateFilters('deliveries'),
	{
		name: 'endpointId',
		displayName: 'Webhook Endpoint ID',
		kind: 'reference',
		description: 'Only deliveries to the webhook endpoint of this ID',
	},
	{
		name: 'eventType',
		displayName: 'Event Type',
		kind: 'options',
		options: eventTypeOptions,
		default: 'contact.created',
		description: 'Only deliveries of this event type',
	},
	{
		name: 'status',
		displayName: 'Status',
		kind: 'options',
		options: STATUSES,
		default: 'failed',
		description: 'Only deliveries in this state',
	},
];
