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
import { timeEntry } from './fields';
import { getAllFields, getAllOperation } from './getAll';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { importFields, importOperation } from './import';
import { updateFields, updateOperation } from './update';

/** The Time Entry resource (BuildWorkPro has no Get of one entry): its operation selector and every operation's fields. */
export const timeEntryDescription: INodeProperties[] = [
	operationSelector(timeEntry, [
		bulkDeleteOperation,
		bulkRestoreOperation,
		createOperation,
		deleteOperation,
		exportOperation,
		getAllOperation,
		getSummaryOperation,
		importOperation,
		updateOperation,
	]),
	...forOperations(timeEntry, ['delete', 'update'], [recordIdProperty(timeEntry)]),
	...createFields,
	...getAllFields,
	...getSummaryFields,
	...updateFields,
	...exportFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...importFields,
	...optionsProperties(
		timeEntry,
		['bulkDelete', 'bulkRestore', 'import', 'create', 'delete', 'export', 'update'],
		['getAll', 'getSummary'],
	),
];
