import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { defaultQuantity, overrideCostPrice, productKitItem } from './fields';

/** PATCH /products/{productId}/kit-items/{kitItemId} {defaultQuantity?, overrideCostPrice?}. */
export const updateOperation = updateRecord(productKitItem, {
	value: 'update',
	name: 'Update',
	action: 'Update a product kit item',
	description:
		"Change a kit item's default quantity or override cost price, given the product ID of the kit and the kit item ID (Reorder changes the order). Returns the updated kit item.",
	fields: [updateFieldsProperty([defaultQuantity, overrideCostPrice])],
});
