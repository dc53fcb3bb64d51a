import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** E-signature requests on bids and change orders: /signature-requests (no create in the API). */
export const signatureRequest: ResourceSpec = {
	value: 'signatureRequest',
	noun: 'signature request',
	path: '/signature-requests',
	idParameter: 'signatureRequestId',
	idLabel: 'Signature Request ID',
};

/** Filters of Get Many. */
export const signatureRequestFilters: FieldSpec[] = [
	{
		name: 'entityType',
		displayName: 'Entity Type',
		kind: 'options',
		options: [
			{ name: 'Bid', value: 'bid' },
			{ name: 'Change Order', value: 'change_order' },
		],
		default: 'bid',
		description: 'Only requests raised on bids, or only on change orders',
	},
	{
		name: 'entityId',
		displayName: 'Entity ID',
		kind: 'reference',
		description: 'Only requests raised on the bid or change order with this ID',
	},
	{
		name: 'status',
		displayName: 'Status',
		kind: 'string',
		placeholder: 'sent',
		description: 'Only requests in this status, such as pending, sent or signed',
	},
];
