import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { projectTemplate } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { updateFields, updateOperation } from './update';

/** The Project Template resource: its operation selector and every operation's fields. */
export const projectTemplateDescription: INodeProperties[] = [
	operationSelector(projectTemplate, [
		createOperation,
		deleteOperation,
		getOperation,
		getAllOperation,
		updateOperation,
	]),
	...forOperations(
		projectTemplate,
		['delete', 'get', 'update'],
		[recordIdProperty(projectTemplate)],
	),
	...createFields,
	...getAllFields,
	...updateFields,
	...optionsProperties(projectTemplate, ['create', 'delete', 'update'], ['get', 'getAll']),
];
