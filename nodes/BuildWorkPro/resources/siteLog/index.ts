import type { INodeProperties } from 'n8n-workflow';

import { forOperations, operationSelector, optionsProperties, recordIdProperty } from '../../shared/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { exportFields, exportOperation } from './export';
import { siteLog } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Site Log resource: its operation selector and every operation's fields. */
export const siteLogDescription: INodeProperties[] = [
	operationSelector(siteLog, [createOperation, deleteOperation, exportOperation, getOperation, getAllOperation, updateOperation]),
	...forOperations(siteLog, ['delete', 'get', 'update'], [recordIdProperty(siteLog)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...exportFields,
	...optionsProperties(siteLog, ['create', 'delete', 'export', 'update'], ['get', 'getAll']),
];
