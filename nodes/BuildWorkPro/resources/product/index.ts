import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { bulkDeleteFields, bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreFields, bulkRestoreOperation } from './bulkRestore';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { duplicateOperation } from './duplicate';
import { exportFields, exportOperation } from './export';
import { product } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getUsageOperation } from './getUsage';
import { importFields, importOperation } from './import';
import { restoreOperation } from './restore';
import { updateFields, updateOperation } from './update';

/** The Product resource (the catalogue): its operation selector and every operation's fields. */
export const productDescription: INodeProperties[] = [
	operationSelector(product, [
		importOperation,
		bulkDeleteOperation,
		bulkRestoreOperation,
		countOperation,
		createOperation,
		deleteOperation,
		exportOperation,
		duplicateOperation,
		getOperation,
		getAllOperation,
		getByIdsOperation,
		getUsageOperation,
		restoreOperation,
		updateOperation,
	]),
	...forOperations(
		product,
		['delete', 'duplicate', 'get', 'getUsage', 'restore', 'update'],
		[recordIdProperty(product)],
	),
	...createFields,
	...getAllFields,
	...getByIdsFields,
	...countFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...updateFields,
	...exportFields,
	...importFields,
	...optionsProperties(
		product,
		[
			'import',
			'bulkDelete',
			'bulkRestore',
			'create',
			'delete',
			'duplicate',
			'restore',
			'export',
			'update',
		],
		['count', 'get', 'getAll', 'getByIds', 'getUsage'],
	),
];
