import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { createFields, createOperation } from './create';
import { createFromBidFields, createFromBidOperation } from './createFromBid';
import { createFromPayAppFields, createFromPayAppOperation } from './createFromPayApp';
import { deleteOperation } from './delete';
import { downloadPdfFields, downloadPdfOperation } from './downloadPdf';
import { invoice } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { markPaidFields, markPaidOperation } from './markPaid';
import { markSentOperation } from './markSent';
import { sendFieldsProperties, sendOperation } from './send';
import { syncToQuickBooksOperation } from './syncToQuickBooks';
import { updateFields, updateOperation } from './update';
import { voidFields, voidOperation } from './void';

const ACTIONS = ['markPaid', 'markSent', 'send', 'syncToQuickBooks', 'void'];

/** The Invoice resource: its operation selector and every operation's fields. */
export const invoiceDescription: INodeProperties[] = [
	operationSelector(invoice, [
		createOperation,
		createFromBidOperation,
		createFromPayAppOperation,
		deleteOperation,
		downloadPdfOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		markPaidOperation,
		markSentOperation,
		sendOperation,
		syncToQuickBooksOperation,
		updateOperation,
		voidOperation,
	]),
	...forOperations(
		invoice,
		[...ACTIONS, 'delete', 'downloadPdf', 'get', 'update'],
		[recordIdProperty(invoice)],
	),
	...createFields,
	...createFromBidFields,
	...createFromPayAppFields,
	...getAllFields,
	...markPaidFields,
	...sendFieldsProperties,
	...updateFields,
	...voidFields,
	...downloadPdfFields,
	...optionsProperties(
		invoice,
		[...ACTIONS, 'create', 'createFromBid', 'createFromPayApp', 'delete', 'update'],
		['downloadPdf', 'get', 'getAll', 'getSummary'],
	),
];
