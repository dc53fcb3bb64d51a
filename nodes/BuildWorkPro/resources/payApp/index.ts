import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { approveOperation } from './approve';
import { bulkDeleteFields, bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreFields, bulkRestoreOperation } from './bulkRestore';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { downloadPdfFields, downloadPdfOperation } from './downloadPdf';
import { exportFields, exportOperation } from './export';
import { payApp } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { markPaidOperation } from './markPaid';
import { rejectFields, rejectOperation } from './reject';
import { submitOperation } from './submit';
import { updateFields, updateOperation } from './update';

const ACTIONS = ['approve', 'markPaid', 'reject', 'submit'];

/** The Pay App resource (pay applications): its operation selector and every operation's fields. */
export const payAppDescription: INodeProperties[] = [
	operationSelector(payApp, [
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
		markPaidOperation,
		rejectOperation,
		submitOperation,
		updateOperation,
	]),
	...forOperations(
		payApp,
		[...ACTIONS, 'delete', 'downloadPdf', 'get', 'update'],
		[recordIdProperty(payApp)],
	),
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
		payApp,
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
