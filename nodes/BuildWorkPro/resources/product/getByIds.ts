import { forOperations, idsProperty } from '../../shared/fields';
import { getRecordsByIds } from '../../shared/operations';
import { product } from './fields';

/** POST /products/get-many with up to 50 IDs. */
export const getByIdsOperation = getRecordsByIds(product, {
	value: 'getByIds',
	name: 'Get by IDs',
	action: 'Get products by IDs',
	description:
		'Retrieve up to 50 products in one request from a list of product IDs (comma-separated). Returns one item per product found; IDs that do not exist are left out.',
});

export const getByIdsFields = forOperations(product, ['getByIds'], [idsProperty(product)]);
