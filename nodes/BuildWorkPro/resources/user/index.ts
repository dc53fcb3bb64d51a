import type { INodeProperties } from 'n8n-workflow';

import { forOperations, optionsProperties, recordIdProperty } from '../../shared/fields';
import { user } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [user.value] } },
		options: [getOperation, getAllOperation],
		default: 'getAll',
	},
	...forOperations(user, ['get'], [recordIdProperty(user)]),
	...getAllFields,
	...optionsProperties(user, [], ['get', 'getAll']),
];
