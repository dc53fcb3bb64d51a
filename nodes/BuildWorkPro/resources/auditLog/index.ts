import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, optionsProperties } from '../../shared/fields';
import { auditLog } from './fields';
import { getAllFields, getAllOperation } from './getAll';

/** The Audit Log resource: the API requests made on the account (list only: the API has no single-entry read). */
export const auditLogDescription: INodeProperties[] = [
	operationSelector(auditLog, [getAllOperation]),
	...getAllFields,
	...optionsProperties(auditLog, [], ['getAll']),
];
