import type { INodeProperties } from 'n8n-workflow';

import { collectionAction } from '../../description/operations';
import { invoiceLineItem, orderedIds } from './fields';
import { requireOrderedIds } from './preSend';

const orderedIdsProperty: INodeProperties = {
	...orderedIds,
	type: 'string',
	required: true,
	default: '',
	placeholder: '31, 29, 30',
};

/** POST /invoices/{invoiceId}/lines/reorder {orderedIds} → every line in its new order. */
export const reorderOperation = collectionAction(
	invoiceLineItem,
	{
		value: 'reorder',
		name: 'Reorder',
		action: 'Reorder invoice line items',
		description:
			'Put the line items of the draft invoice with this invoice ID in a new order. Needs every line item ID of the invoice exactly once, comma-separated, in the new order. Returns one item per line item, in the new order.',
		fields: [orderedIdsProperty],
	},
	'reorder',
	[requireOrderedIds],
);
