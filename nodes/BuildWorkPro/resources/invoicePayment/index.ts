import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { invoice } from '../invoice/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { invoicePayment } from './fields';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Invoice Payment resource (an invoice's payment ledger): its operation selector and every operation's fields. */
export const invoicePaymentDescription: INodeProperties[] = [
	operationSelector(invoicePayment, [
		deleteOperation,
		getAllOperation,
		createOperation,
		updateOperation,
	]),
	...forOperations(
		invoicePayment,
		['create', 'delete', 'getAll', 'update'],
		[recordIdProperty(invoice, 'ID of the invoice the payments belong to')],
	),
	...forOperations(invoicePayment, ['delete', 'update'], [recordIdProperty(invoicePayment)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...optionsProperties(invoicePayment, ['create', 'delete', 'update'], ['getAll']),
];
