import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { approveFields, approveOperation } from './approve';
import { bulkDeleteFields, bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreFields, bulkRestoreOperation } from './bulkRestore';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { downloadPdfFields, downloadPdfOperation } from './downloadPdf';
import { exportFields, exportOperation } from './export';
import { changeOrder } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { rejectFields, rejectOperation } from './reject';
import { submitOperation } from './submit';
import { updateFields, updateOperation } from './update';

const ACTIONS = ['approve', 'reject', 'submit'];

/** The Change Order resource: its operation selector and every operation's fields. */
export const changeOrderDescription: INodeProperties[] = [
	operationSelector(changeOrder, [
		approveOperation,
		bulkDeleteOperation,
		bulkRestoreOperation,
		countOperation,
		createOperation,
		deleteOperation,
		downloadPdfOperation,
		exportOperation,
		getAllOperation,
		getByIdsOperation,
		getOperation,
		getSummaryOperation,
		rejectOperation,
		submitOperation,
		updateOperation,
	]),
	...forOperations(
		changeOrder,
		[...ACTIONS, 'delete', 'downloadPdf', 'get', 'update'],
		[recordIdProperty(changeOrder)],
	),
	...approveFields,
	...rejectFields,
	...createFields,
	...getAllFields,
	...getByIdsFields,
	...countFields,
	...getSummaryFields,
	...updateFields,
	...downloadPdfFields,
	...exportFields,
	...bulkDeleteFields,
	...bulkRestoreFields,
	...optionsProperties(
		changeOrder,
		[
			'bulkDelete',
			'bulkRestore',
			...ACTIONS,
			'create',
			'delete',
			'downloadPdf',
			'export',
			'update',
		],
		['count', 'get', 'getAll', 'getByIds', 'getSummary'],
	),
];
