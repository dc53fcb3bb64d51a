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
import { invoiceLineItem } from './fields';
import { reorderFields, reorderOperation } from './reorder';
import { updateFields, updateOperation } from './update';

/**
 * The Invoice Line Item resource (lines of an invoice): its operation selector and every
 * operation's fields. The API has no list of lines: Invoice Get returns them.
 */
export const invoiceLineItemDescription: INodeProperties[] = [
	operationSelector(
		invoiceLineItem,
		[createOperation, deleteOperation, reorderOperation, updateOperation],
		'create',
	),
	...forOperations(
		invoiceLineItem,
		['create', 'delete', 'reorder', 'update'],
		[recordIdProperty(invoice, 'ID of the invoice the line items belong to')],
	),
	...forOperations(invoiceLineItem, ['delete', 'update'], [recordIdProperty(invoiceLineItem)]),
	...createFields,
	...reorderFields,
	...updateFields,
	...optionsProperties(invoiceLineItem, ['create', 'delete', 'reorder', 'update'], []),
];
