import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';
import { product } from '../product/fields';

/** The components of a kit: /products/{productId}/kit-items/{kitItemId}. */
export const productKitItem: ResourceSpec = {
	value: 'productKitItem',
	noun: 'product kit item',
	path: '/kit-items',
	idParameter: 'kitItemId',
	idLabel: 'Kit Item ID',
	parent: product,
};

export const componentProduct: FieldSpec = {
	name: 'componentProductId',
	displayName: 'Component Product ID',
	kind: 'reference',
	description: 'ID of the product that goes into the kit',
};

export const defaultQuantity: FieldSpec = {
	name: 'defaultQuantity',
	displayName: 'Default Quantity',
	kind: 'string',
	placeholder: '4',
	description: 'How many units of the component one kit holds, as a decimal number',
};
export const overrideCostPrice: FieldSpec = {
	name: 'overrideCostPrice',
	displayName: 'Override Cost Price',
	kind: 'string',
	nullable: true,
	placeholder: '8.90',
	description:
		"Cost of one unit of the component within this kit, instead of the component's own cost price, as a decimal number",
	updateDescription:
		"Cost of one unit of the component within this kit, as a decimal number. Empty goes back to the component's own cost price.",
};
export const sortOrder: FieldSpec = {
	name: 'sortOrder',
	displayName: 'Sort Order',
	kind: 'number',
	description: 'Position of the component in the kit (lower comes first)',
};

/** Reorder's required field. */
export const orderedKitItemIds = {
	name: 'orderedIds',
	displayName: 'Ordered Kit Item IDs',
	description: 'Every kit item ID of the product, in the new order, separated by commas',
};
