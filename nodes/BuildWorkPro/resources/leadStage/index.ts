import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { leadStage } from './fields';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

export const leadStageDescription: INodeProperties[] = [
	operationSelector(leadStage, [
		createOperation,
		deleteOperation,
		getAllOperation,
		updateOperation,
	]),
	...forOperations(leadStage, ['delete', 'update'], [recordIdProperty(leadStage)]),
	...createFields,
	...getAllFields,
	...updateFields,
	...optionsProperties(leadStage, ['create', 'delete', 'update'], ['getAll']),
];
