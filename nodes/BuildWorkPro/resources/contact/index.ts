import type { INodeProperties } from 'n8n-workflow';

import { forOperations, optionsProperties, recordIdProperty } from '../../shared/fields';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { contact } from './fields';
import { getOperation } from './get';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getAllFields, getAllOperation } from './getAll';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { updateFields, updateOperation } from './update';

/** The Contact resource: its operation selector and every operation's fields. */
export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [contact.value] } },
		options: [
			countOperation,
			createOperation,
			deleteOperation,
			getOperation,
			getByIdsOperation,
			getAllOperation,
			getSummaryOperation,
			updateOperation,
		],
		default: 'getAll',
	},
	...forOperations(contact, ['delete', 'get', 'update'], [recordIdProperty(contact)]),
	...countFields,
	...createFields,
	...getByIdsFields,
	...getAllFields,
	...getSummaryFields,
	...updateFields,
	...optionsProperties(contact, ['create', 'delete', 'update'], ['count', 'get', 'getAll', 'getByIds', 'getSummary']),
];
