import { recordAction } from '../../description/operations';
import { product } from './fields';

/** POST /products/{id}/duplicate → 201 with the copy. */
export const duplicateOperation = recordAction(
	product,
	{
		value: 'duplicate',
		name: 'Duplicate',
		action: 'Duplicate a product',
		description:
			'Copy the product with this product ID into a new product with its own SKU. Returns the new product with its ID.',
	},
	'duplicate',
);
