import { deleteRecord } from '../../description/operations';
import { product } from './fields';

/** DELETE /products/{id}: a soft delete (Restore brings it back). */
export const deleteOperation = deleteRecord(product, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a product',
	description:
		'Destructive: delete the product with this product ID from the catalogue (a soft delete, which Restore undoes). Returns its ID with deleted set to true.',
});
