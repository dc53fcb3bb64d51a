import { collectionAction } from '../../description/operations';
import { bulkIdsProperty, product } from './fields';
import { requireBulkIdList } from './preSend';

/** POST /products/bulk-delete {ids} → { deletedCount }, in one synchronous request. */
export const bulkDeleteOperation = collectionAction(
	product,
	{
		value: 'bulkDelete',
		name: 'Delete Many',
		action: 'Delete many products',
		description:
			'Destructive: delete up to 500 products at once from a list of product IDs (comma-separated); a soft delete that Restore Many undoes. Returns one item with deletedCount, the number of products deleted.',
		fields: [bulkIdsProperty('delete')],
	},
	'bulk-delete',
	[requireBulkIdList],
);
