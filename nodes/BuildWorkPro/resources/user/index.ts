import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { user } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';

export const userDescription: INodeProperties[] = [
	operationSelector(user, [getOperation, getAllOperation]),
	...forOperations(user, ['get'], [recordIdProperty(user)]),
	...getAllFields,
	...optionsProperties(user, [], ['get', 'getAll']),
];
