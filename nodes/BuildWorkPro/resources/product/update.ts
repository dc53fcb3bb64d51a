import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { product, productFields, productName } from './fields';

/** PATCH /products/{id}. */
export const updateOperation = updateRecord(product, {
	value: 'update',
	name: 'Update',
	action: 'Update a product',
	description:
		'Change some fields of the product with this product ID, such as its name, prices or active flag; fields left out stay as they are. Returns the updated product.',
	fields: [updateFieldsProperty([productName, ...productFields])],
});
