import type { INodeProperties } from 'n8n-workflow';

import { forOperations, operationSelector, optionsProperties, recordIdProperty } from '../../shared/fields';
import { countFields, countOperation } from './count';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { exportFields, exportOperation } from './export';
import { contact } from './fields';
import { getOperation } from './get';
import { getByIdsFields, getByIdsOperation } from './getByIds';
import { getAllFields, getAllOperation } from './getAll';
import { getSummaryFields, getSummaryOperation } from './getSummary';
import { updateFields, updateOperation } from './update';

/** The Contact resource: its operation selector and every operation's fields. */
export const contactDescription: INodeProperties[] = [
	operationSelector(contact, [countOperation, createOperation, deleteOperation, exportOperation, getOperation, getByIdsOperation, getAllOperation, getSummaryOperation, updateOperation]),
	...forOperations(contact, ['delete', 'get', 'update'], [recordIdProperty(contact)]),
	...countFields,
	...createFields,
	...getByIdsFields,
	...getAllFields,
	...getSummaryFields,
	...exportFields,
	...updateFields,
	...optionsProperties(contact, ['create', 'delete', 'export', 'update'], ['count', 'get', 'getAll', 'getByIds', 'getSummary']),
];
