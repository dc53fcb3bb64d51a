import { recordAction } from '../../description/operations';
import { product } from './fields';

/** POST /products/{id}/restore: clears deletedAt. */
export const restoreOperation = recordAction(
	product,
	{
		value: 'restore',
		name: 'Restore',
		action: 'Restore a product',
		description:
			'Bring back the deleted product with this product ID, so it is in the catalogue again. Returns the restored product.',
	},
	'restore',
);
