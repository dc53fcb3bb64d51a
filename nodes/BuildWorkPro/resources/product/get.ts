import { getRecord } from '../../description/operations';
import { product } from './fields';

/** GET /products/{id}. */
export const getOperation = getRecord(product, {
	value: 'get',
	name: 'Get',
	action: 'Get a product',
	description:
		'Retrieve one product by its numeric product ID. Returns the product with its SKU, type, unit, prices and kit and active flags.',
});
