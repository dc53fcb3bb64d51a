import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { collectionPath, customOperation } from '../../description/operations';
import { requirePositiveId } from '../../routing/preSend';
import { product } from '../product/fields';
import {
	componentProduct,
	defaultQuantity,
	overrideCostPrice,
	productKitItem,
	sortOrder,
} from './fields';
import { addTenantId } from './preSend';

/** POST /products/{productId}/kit-items {tenantId, componentProductId, …} → 201 with the new kit item. */
export const createOperation = customOperation(
	productKitItem,
	{
		value: 'create',
		name: 'Create',
		action: 'Create a product kit item',
		description:
			'Add a component to the kit with this product ID. Needs the component product ID; default quantity and override cost price (decimal strings) and sort order are optional. Returns the new kit item with its ID.',
		fields: [
			requiredBodyProperty(componentProduct),
			additionalFields([defaultQuantity, overrideCostPrice, sortOrder]),
		],
	},
	{
		method: 'POST',
		url: `=${collectionPath(productKitItem)}`,
		preSend: [requirePositiveId(product.idParameter, product.idLabel), addTenantId],
	},
);
