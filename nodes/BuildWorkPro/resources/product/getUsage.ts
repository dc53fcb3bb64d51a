import { customOperation, recordPath } from '../../description/operations';
import { requirePositiveId } from '../../routing/preSend';
import { product } from './fields';

/** GET /products/{id}/usage → { bidsCount, kitsCount }. */
export const getUsageOperation = customOperation(
	product,
	{
		value: 'getUsage',
		name: 'Get Usage',
		action: 'Get the usage of a product',
		description:
			'Tell how widely the product with this product ID is used, for example before deleting it. Returns one item with bidsCount (active bids that use it) and kitsCount (kits that contain it).',
	},
	{
		method: 'GET',
		url: `=${recordPath(product)}/usage`,
		preSend: [requirePositiveId(product.idParameter, product.idLabel)],
	},
);
