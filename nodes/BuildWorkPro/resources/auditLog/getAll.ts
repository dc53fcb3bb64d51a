import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { auditLog, auditLogFilters } from './fields';

/** GET /api-audit-logs, page after page (cursor); needs audit:read. */
export const getAllOperation = listRecords(auditLog, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many audit log entries',
	description:
		"List the account's API requests, optionally filtered by API key ID, HTTP method, status code or time (ISO 8601). Returns one item per request with its method, path, status, duration, request ID and the key that made it, up to Limit unless Return All is on.",
	fields: listProperties(auditLogFilters),
});
