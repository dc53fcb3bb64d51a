import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { product, productFilters } from './fields';

/** GET /products, page after page (cursor). */
export const getAllOperation = listRecords(product, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many products',
	description:
		'List products of the catalogue, optionally filtered by type, category ID, manufacturer ID, kit or active flag, a search text or creation date (ISO 8601). Returns one item per product, up to Limit unless Return All is on.',
	fields: listProperties(productFilters),
});
