import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { bulkDeleteFields, bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreFields, bulkRestoreOperation } from './bulkRestore';
import { convertOperation } from './convert';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { exportFields, exportOperation } from './export';
import { lead } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { importFields, importOperation } from './import';
import { updateFields, updateOperation } from './update';

export const leadDescription: INodeProperties[] = [
	operationSelector(lead, [
		bulkDeleteOperation,
		bulkRestoreOperation,
		convertOperation,
		countOperation,
		createOperation,
		deleteOperation,
		exportOperation,
		getAllOperation,
		getOperation,
		getSummaryOperation,
		importOperation,
		updateOperation,
	]),
	...forOperations(lead, ['convert', 'delete', 'get', 'update'], [recordIdProperty(lead)]),
	...createFields,
	...getAllFields,
	...countFields,
	...getSummaryFields,
	...updateFields,
	...exportFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...importFields,
	...optionsProperties(
		lead,
		['bulkDelete', 'bulkRestore', 'import', 'convert', 'create', 'delete', 'export', 'update'],
		['count', 'get', 'getAll', 'getSummary'],
	),
];
