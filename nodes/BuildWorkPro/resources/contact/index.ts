import type { INodeProperties } from 'n8n-workflow';

import { forOperations, optionsProperties, recordIdProperty } from '../../shared/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { contact } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Contact resource: its operation selector and every operation's fields. */
export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [contact.value] } },
		options: [createOperation, deleteOperation, getOperation, getAllOperation, updateOperation],
		default: 'getAll',
	},
	...forOperations(contact, ['delete', 'get', 'update'], [recordIdProperty(contact)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...optionsProperties(contact, ['create', 'delete', 'update'], ['get', 'getAll']),
];
