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
import { contact } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { importFields, importOperation } from './import';
import { updateFields, updateOperation } from './update';

/** The Contact resource: its operation selector and every operation's fields. */
export const contactDescription: INodeProperties[] = [
	operationSelector(contact, [
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
	...forOperations(contact, ['delete', 'get', 'update'], [recordIdProperty(contact)]),
	...countFields,
	...createFields,
	...getByIdsFields,
	...getAllFields,
	...getSummaryFields,
	...exportFields,
	...updateFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...importFields,
	...optionsProperties(
		contact,
		['bulkDelete', 'bulkRestore', 'import', 'create', 'delete', 'export', 'update'],
		['count', 'get', 'getAll', 'getByIds', 'getSummary'],
	),
];
