import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { productKitItem } from './fields';

/** GET /products/{productId}/kit-items (not paginated: every kit item in one answer). */
export const getAllOperation = listRecords(
	productKitItem,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many product kit items',
		description:
			'List the components of the kit with this product ID, in their sort order. Returns one item per kit item with the component product ID, default quantity and override cost price, up to Limit unless Return All is on.',
		fields: listProperties([]),
	},
	fetchWholeList,
);
