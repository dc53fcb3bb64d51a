import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { product, productCountFilters } from './fields';

/** GET /products/count → { total }. */
export const countOperation = readCollection(
	product,
	{
		value: 'count',
		name: 'Count',
		action: 'Count products',
		description:
			'Count the products that match the filters (those of Get Many, with Is Active true or false). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(
	product,
	['count'],
	[filtersProperty(productCountFilters)],
);
