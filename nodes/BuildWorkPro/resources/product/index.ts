import { defineResource } from '../../description/defineResource';
import { bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreOperation } from './bulkRestore';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { duplicateOperation } from './duplicate';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getUsageOperation } from './getUsage';
import { restoreOperation } from './restore';
import { updateOperation } from './update';
import { product, productFilters, productCountFilters, productName, productFields } from './fields';

/** The Product resource (the catalogue): its operations. */
export const productResource = defineResource({
	resource: product,
	name: 'Product',
	operations: [
		bulkDeleteOperation,
		bulkRestoreOperation,
		createOperation,
		deleteOperation,
		duplicateOperation,
		getOperation,
		getAllOperation,
		getUsageOperation,
		restoreOperation,
		updateOperation,
	],
	generic: {
		export: { filters: productFilters },
		import: { fields: [productName, productFields], exampleColumns: 'name' },
		count: {
			filters: productCountFilters,
			filtersNote: 'those of Get Many, with Is Active true or false',
		},
		getByIds: true,
	},
});
