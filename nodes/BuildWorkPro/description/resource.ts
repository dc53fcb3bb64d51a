/** What every operation of a resource needs to know about the resource. */
export interface ResourceSpec {
	/** The parameter value, camelCase singular of the API family: 'bid', 'payApp'. */
	value: string;
	/** Lower-case noun for texts: 'bid', 'pay application'. */
	noun: string;
	/** The family's path: '/bids'. */
	path: string;
	/** The record's id parameter: 'bidId'. */
	idParameter: string;
	/** The id's label: 'Bid ID'. */
	idLabel: string;
	/** A parent record the resource lives under (line items under a bid). */
	parent?: ResourceSpec;
}

/** The resource and the records it lives under, outermost first: [bid, bidLineItem]. */
export function lineage(resource: ResourceSpec): ResourceSpec[] {
	return resource.parent ? [...lineage(resource.parent), resource] : [resource];
}

/** The noun in the plural: 'bids', 'time entries'. */
export function plural(noun: string): string {
	return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}
