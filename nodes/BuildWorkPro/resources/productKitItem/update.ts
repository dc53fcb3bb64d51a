import { forOperations, updateFields as updateFieldsProperty } from '../../shared/fields';
import { updateRecord } from '../../shared/operations';
import { defaultQuantity, overrideCostPrice, productKitItem } from './fields';

/** PATCH /products/{productId}/kit-items/{kitItemId} {defaultQuantity?, overrideCostPrice?}. */
export const updateOperation = updateRecord(productKitItem, {
	value: 'update',
	name: 'Update',
	action: 'Update a product kit item',
	description:
		"Change a kit item's default quantity or override cost price, given the product ID of the kit and the kit item ID (Reorder changes the order). Returns the updated kit item.",
});

export const updateFields = forOperations(
	productKitItem,
	['update'],
	[updateFieldsProperty([defaultQuantity, overrideCostPrice])],
);
