import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { comment } from './fields';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Comment resource (threads on records): its operation selector and every operation's fields. */
export const commentDescription: INodeProperties[] = [
	operationSelector(comment, [createOperation, deleteOperation, getAllOperation, updateOperation]),
	...forOperations(comment, ['delete', 'update'], [recordIdProperty(comment)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...optionsProperties(comment, ['create', 'delete', 'update'], ['getAll']),
];
