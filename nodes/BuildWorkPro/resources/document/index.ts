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
import { deleteOperation } from './delete';
import { downloadFields, downloadOperation } from './download';
import { exportFields, exportOperation } from './export';
import { document } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Document resource: its operation selector and every operation's fields. */
export const documentDescription: INodeProperties[] = [
	operationSelector(document, [
		bulkDeleteOperation,
		bulkRestoreOperation,
		countOperation,
		deleteOperation,
		downloadOperation,
		exportOperation,
		getOperation,
		getAllOperation,
		updateOperation,
	]),
	...forOperations(document, ['delete', 'download', 'get', 'update'], [recordIdProperty(document)]),
	...bulkDeleteFields,
	...bulkRestoreFields,
	...getAllFields,
	...countFields,
	...updateFields,
	...downloadFields,
	...exportFields,
	...optionsProperties(
		document,
		['bulkDelete', 'bulkRestore', 'delete', 'export', 'update'],
		['count', 'download', 'get', 'getAll'],
	),
];
