import type { INodeProperties } from 'n8n-workflow';

import { collectionPath, customOperation } from '../../description/operations';
import { requirePositiveId } from '../../routing/preSend';
import { product } from '../product/fields';
import { orderedKitItemIds, productKitItem } from './fields';
import { requireOrderedKitItemIds } from './preSend';

const orderedIdsProperty: INodeProperties = {
	...orderedKitItemIds,
	type: 'string',
	required: true,
	default: '',
	placeholder: '31, 29, 30',
};

/** PUT /products/{productId}/kit-items/reorder {orderedIds} → every kit item in its new order. */
export const reorderOperation = customOperation(
	productKitItem,
	{
		value: 'reorder',
		name: 'Reorder',
		action: 'Reorder product kit items',
		description:
			'Put the components of the kit with this product ID in a new order. Needs every kit item ID of the kit exactly once, comma-separated, in the new order. Returns one item per kit item, in the new order.',
		fields: [orderedIdsProperty],
	},
	{
		method: 'PUT',
		url: `=${collectionPath(productKitItem)}/reorder`,
		preSend: [requirePositiveId(product.idParameter, product.idLabel), requireOrderedKitItemIds],
	},
);
