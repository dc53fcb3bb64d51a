import { defineResource } from '../../description/defineResource';
import { getAllOperation } from './getAll';
import { auditLog } from './fields';

/** The Audit Log resource: the API requests made on the account (list only: the API has no single-entry read). */
export const auditLogResource = defineResource({
	resource: auditLog,
	name: 'Audit Log',
	operations: [getAllOperation],
});
