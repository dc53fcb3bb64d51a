import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { acceptFields, acceptOperation } from './accept';
import { bulkDeleteFields, bulkDeleteOperation } from './bulkDelete';
import { bulkRestoreFields, bulkRestoreOperation } from './bulkRestore';
import { convertToProjectFields, convertToProjectOperation } from './convertToProject';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { downloadPdfFields, downloadPdfOperation } from './downloadPdf';
import { duplicateOperation } from './duplicate';
import { exportFields, exportOperation } from './export';
import { bid } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { rejectOperation } from './reject';
import { revertAcceptanceFields, revertAcceptanceOperation } from './revertAcceptance';
import { sendOperation } from './send';
import { updateFields, updateOperation } from './update';

const ACTIONS = ['accept', 'convertToProject', 'duplicate', 'reject', 'revertAcceptance', 'send'];

/** The Bid resource: its operation selector and every operation's fields. */
export const bidDescription: INodeProperties[] = [
	operationSelector(bid, [
		acceptOperation,
		bulkDeleteOperation,
		bulkRestoreOperation,
		convertToProjectOperation,
		countOperation,
		createOperation,
		deleteOperation,
		downloadPdfOperation,
		duplicateOperation,
		exportOperation,
		getAllOperation,
		getByIdsOperation,
		getOperation,
		getSummaryOperation,
		rejectOperation,
		revertAcceptanceOperation,
		sendOperation,
		updateOperation,
	]),
	...forOperations(
		bid,
		[...ACTIONS, 'delete', 'downloadPdf', 'get', 'update'],
		[recordIdProperty(bid)],
	),
	...acceptFields,
	...revertAcceptanceFields,
	...convertToProjectFields,
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
		bid,
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
