import type { INodeProperties } from 'n8n-workflow';

import { forOperations, operationSelector, optionsProperties, recordIdProperty } from '../../shared/fields';
import { convertOperation } from './convert';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { lead } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { updateFields, updateOperation } from './update';

export const leadDescription: INodeProperties[] = [
	operationSelector(lead, [convertOperation, countOperation, createOperation, deleteOperation, getOperation, getAllOperation, getSummaryOperation, updateOperation]),
	...forOperations(lead, ['convert', 'delete', 'get', 'update'], [recordIdProperty(lead)]),
	...createFields,
	...getAllFields,
	...countFields,
	...getSummaryFields,
	...updateFields,
	...optionsProperties(lead, ['convert', 'create', 'delete', 'update'], ['count', 'get', 'getAll', 'getSummary']),
];
