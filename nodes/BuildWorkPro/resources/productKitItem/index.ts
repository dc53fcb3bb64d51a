import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { product } from '../product/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { productKitItem } from './fields';
import { getAllFields, getAllOperation } from './getAll';
import { reorderFields, reorderOperation } from './reorder';
import { updateFields, updateOperation } from './update';

/** The Product Kit Item resource (components of a kit): its operation selector and every operation's fields. */
export const productKitItemDescription: INodeProperties[] = [
	operationSelector(productKitItem, [
		createOperation,
		deleteOperation,
		getAllOperation,
		reorderOperation,
		updateOperation,
	]),
	...forOperations(
		productKitItem,
		['create', 'delete', 'getAll', 'reorder', 'update'],
		[recordIdProperty(product, 'ID of the kit (the product the kit items belong to)')],
	),
	...forOperations(productKitItem, ['delete', 'update'], [recordIdProperty(productKitItem)]),
	...createFields,
	...getAllFields,
	...reorderFields,
	...updateFields,
	...optionsProperties(productKitItem, ['create', 'delete', 'reorder', 'update'], ['getAll']),
];
