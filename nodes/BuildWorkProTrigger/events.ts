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

/**
 * The order resources are listed in: the construction workflow's, from the first contact to the
 * pay application, so the contact events (the default) come first. Products, a catalog, go last.
 */
export const RESOURCE_ORDER = [
	'contact',
	'lead',
	'bid',
	'project',
	'change_order',
	'pay_app',
	'product',
];

function resourceRank(eventType: string): number {
	const rank = RESOURCE_ORDER.indexOf(eventType.split('.')[0]);
	return rank < 0 ? RESOURCE_ORDER.length : rank;
}

/**
 * Options for the node's Events multi-select, which n8n's node creator also lists as the node's
 * triggers ("On Contact Created", …) in this order: grouped by resource in RESOURCE_ORDER, each
 * resource's events in BuildWorkPro's own order (created, updated, deleted, then its lifecycle).
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = BUILDWORKPRO_EVENT_TYPES.map(
	(eventType, index) => ({
		eventType,
		index,
	}),
)
	.sort((a, b) => resourceRank(a.eventType) - resourceRank(b.eventType) || a.index - b.index)
	.map(({ eventType }) => ({
		name: eventDisplayName(eventType),
		value: eventType,
		description: `Sent as "${eventType}"`,
	}));

/** Longest subtitle that n8n 2.x's canvas shows under a node without cutting it off. */
export const SUBTITLE_MAX_LENGTH = 28;

/**
 * The canvas subtitle under the node's name, as an n8n expression, in the names the Events field
 * shows: one event by name ("Bid Accepted"); several of one resource as "All Contact events",
 * "Bid: Accepted, Rejected" or, when that would be cut off, "4 Bid events"; events of several
 * resources as a count ("5 events").
 */
export function eventsSubtitle(): string {
	const names: Record<string, [string, string]> = {};
	const perResource: Record<string, number> = {};
	for (const eventType of BUILDWORKPRO_EVENT_TYPES) {
		const [resource, action = ''] = eventType.split('.');
		const resourceName = RESOURCE_NAMES[resource] ?? capitalizeWords(resource);
		names[eventType] = [resourceName, capitalizeWords(action)];
		perResource[resourceName] = (perResource[resourceName] ?? 0) + 1;
	}
	// Plain expression syntax (arrow functions, no spread, Set or template literals), which every
	// n8n evaluates; `parts` are [resource, action] pairs, `one` what a single resource reads as.
	const body =
		'((events, names, perResource) => ((parts) => parts.length === 0 ? "" : parts.length === 1 ? parts[0].join(" ").trim() : ' +
		'!parts.every((part) => part[0] === parts[0][0]) ? parts.length + " events" : ' +
		'parts.length === perResource[parts[0][0]] ? "All " + parts[0][0] + " events" : ' +
		'((one) => one.length <= ' +
		String(SUBTITLE_MAX_LENGTH) +
		' ? one : parts.length + " " + parts[0][0] + " events")(parts[0][0] + ": " + parts.map((part) => part[1]).join(", "))' +
		')(events.filter((event, index) => events.indexOf(event) === index).map((event) => names[event] || [String(event), ""])))' +
		`([].concat($parameter["events"] || []), ${JSON.stringify(names)}, ${JSON.stringify(perResource)})`;
	return `={{ ${body} }}`;
}
