import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Every event type a BuildWorkPro webhook endpoint can subscribe to (the `eventTypes` enum of
 * `POST /webhook-endpoints`). test/trigger/events.test.ts keeps this list in step with
 * openapi.json.
 */
export const BUILDWORKPRO_EVENT_TYPES = [
	'bid.created',
	'bid.updated',
	'bid.deleted',
	'bid.accepted',
	'bid.acceptance_reverted',
	'bid.rejected',
	'bid.expired',
	'bid.cancelled',
	'bid.reopened',
	'change_order.submitted',
	'change_order.approved',
	'change_order.rejected',
	'change_order.voided',
	'change_order.updated',
	'change_order.deleted',
	'contact.created',
	'contact.updated',
	'contact.deleted',
	'lead.created',
	'lead.updated',
	'lead.deleted',
	'pay_app.submitted',
	'pay_app.approved',
	'pay_app.rejected',
	'pay_app.paid',
	'pay_app.voided',
	'pay_app.updated',
	'pay_app.deleted',
	'product.created',
	'product.updated',
	'product.deleted',
	'project.created',
	'project.updated',
	'project.deleted',
	'project.status_changed',
] as const;

export type BuildWorkProEventType = (typeof BUILDWORKPRO_EVENT_TYPES)[number];

export const DEFAULT_EVENT_TYPES: BuildWorkProEventType[] = [
	'contact.created',
	'contact.updated',
	'contact.deleted',
];

const RESOURCE_NAMES: Record<string, string> = {
	bid: 'Bid',
	change_order: 'Change Order',
	contact: 'Contact',
	lead: 'Lead',
	pay_app: 'Pay Application',
	product: 'Product',
	project: 'Project',
};

/** 'pay_app.acceptance_reverted' → 'Pay Application Acceptance Reverted' */
export function eventDisplayName(eventType: string): string {
	const [resource, action = ''] = eventType.split('.');
	const resourceName = RESOURCE_NAMES[resource] ?? capitalizeWords(resource);
	return `${resourceName} ${capitalizeWords(action)}`.trim();
}

function capitalizeWords(snakeCase: string): string {
	return snakeCase
		.split('_')
		.filter((word) => word.length > 0)
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

/** Options for the node's Events multi-select, sorted by display name as n8n's linter expects. */
export const EVENT_OPTIONS: INodePropertyOptions[] = BUILDWORKPRO_EVENT_TYPES.map((eventType) => ({
	name: eventDisplayName(eventType),
	value: eventType,
	description: `Sent as "${eventType}"`,
})).sort((a, b) => a.name.localeCompare(b.name));
