import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { bid } from '../bid/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { bidLineItem } from './fields';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Bid Line Item resource (lines of a bid): its operation selector and every operation's fields. */
export const bidLineItemDescription: INodeProperties[] = [
	operationSelector(bidLineItem, [
		createOperation,
		deleteOperation,
		getAllOperation,
		updateOperation,
	]),
	...forOperations(
		bidLineItem,
		['create', 'delete', 'getAll', 'update'],
		[recordIdProperty(bid, 'ID of the bid the line items belong to')],
	),
	...forOperations(bidLineItem, ['delete', 'update'], [recordIdProperty(bidLineItem)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...optionsProperties(bidLineItem, ['create', 'delete', 'update'], ['getAll']),
];
