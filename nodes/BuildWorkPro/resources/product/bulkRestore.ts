import { collectionAction } from '../../description/operations';
import { bulkIdsProperty, product } from './fields';
import { requireBulkIdList } from './preSend';

/** POST /products/bulk-restore {ids} → { restoredCount }, in one synchronous request. */
export const bulkRestoreOperation = collectionAction(
	product,
	{
		value: 'bulkRestore',
		name: 'Restore Many',
		action: 'Restore many products',
		description:
			'Bring back up to 500 deleted products at once from a list of product IDs (comma-separated). Returns one item with restoredCount, the number of products restored.',
		fields: [bulkIdsProperty('restore')],
	},
	'bulk-restore',
	[requireBulkIdList],
);
