import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { cancelOperation } from './cancel';
import { deleteOperation } from './delete';
import { downloadFields, downloadOperation } from './download';
import { job } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getErrorsOperation } from './getErrors';

/** The Job resource (background jobs): its operation selector and every operation's fields. */
export const jobDescription: INodeProperties[] = [
	operationSelector(job, [
		cancelOperation,
		deleteOperation,
		downloadOperation,
		getOperation,
		getAllOperation,
		getErrorsOperation,
	]),
	...forOperations(
		job,
		['cancel', 'delete', 'download', 'get', 'getErrors'],
		[
			{
				...recordIdProperty(
					job,
					'ID of the job, such as the job ID output by an operation run without Wait for Completion',
				),
				placeholder: 'job_5f0c2a9e8b7d4c3a1e6f9b20',
			},
		],
	),
	...downloadFields,
	...getAllFields,
	...optionsProperties(job, ['cancel', 'delete'], ['download', 'get', 'getAll', 'getErrors']),
];
