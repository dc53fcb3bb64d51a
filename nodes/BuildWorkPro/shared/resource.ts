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
