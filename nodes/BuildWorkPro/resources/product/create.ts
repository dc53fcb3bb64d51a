import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { product, productFields, productName } from './fields';

/** POST /products → 201 with the new product. */
export const createOperation = createRecord(product, {
	value: 'create',
	name: 'Create',
	action: 'Create a product',
	description:
		'Add a product to the catalogue. Needs a name; SKU, type, unit, cost and sell prices (decimal strings), tax rates, category, manufacturer and the kit and active flags are optional. Returns the new product with its ID.',
	fields: [requiredBodyProperty(productName), additionalFields(productFields)],
});
