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
import { exportFields, exportOperation } from './export';
import { project } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { importFields, importOperation } from './import';
import { updateFields, updateOperation } from './update';

/** The Project resource: its operation selector and every operation's fields. */
export const projectDescription: INodeProperties[] = [
	operationSelector(project, [
		bulkDeleteOperation,
		bulkRestoreOperation,
		countOperation,
		createOperation,
		deleteOperation,
		exportOperation,
		getAllOperation,
		getByIdsOperation,
		getOperation,
		getSummaryOperation,
		importOperation,
		updateOperation,
	]),
	...forOperations(project, ['delete', 'get', 'update'], [recordIdProperty(project)]),
	...createFields,
	...getAllFields,
	...getByIdsFields,
	...countFields,
	...getSummaryFields,
	...updateFields,
	...exportFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...importFields,
	...optionsProperties(
		project,
		['bulkDelete', 'bulkRestore', 'import', 'create', 'delete', 'export', 'update'],
		['count', 'get', 'getAll', 'getByIds', 'getSummary'],
	),
];
