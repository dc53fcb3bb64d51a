import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { bulkDeleteFields, bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreFields, bulkRestoreOperation } from './bulkRestore';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { exportFields, exportOperation } from './export';
import { siteLog } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { importFields, importOperation } from './import';
import { updateFields, updateOperation } from './update';

/** The Site Log resource: its operation selector and every operation's fields. */
export const siteLogDescription: INodeProperties[] = [
	operationSelector(siteLog, [
		bulkDeleteOperation,
		bulkRestoreOperation,
		createOperation,
		deleteOperation,
		exportOperation,
		getAllOperation,
		getOperation,
		importOperation,
		updateOperation,
	]),
	...forOperations(siteLog, ['delete', 'get', 'update'], [recordIdProperty(siteLog)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...exportFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...importFields,
	...optionsProperties(
		siteLog,
		['bulkDelete', 'bulkRestore', 'import', 'create', 'delete', 'export', 'update'],
		['get', 'getAll'],
	),
];
