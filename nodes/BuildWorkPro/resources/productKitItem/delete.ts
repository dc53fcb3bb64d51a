import { deleteRecord } from '../../description/operations';
import { productKitItem } from './fields';

/** DELETE /products/{productId}/kit-items/{kitItemId}. */
export const deleteOperation = deleteRecord(productKitItem, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a product kit item',
	description:
		'Destructive: remove a component from its kit, given the product ID of the kit and the kit item ID; the component product itself stays. Returns the kit item ID with deleted set to true.',
});
