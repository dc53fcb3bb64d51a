import { dateFilters } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** The account's API audit log (/api-audit-logs): one entry per API request, read-only; listed, never fetched by ID. */
export const auditLog: ResourceSpec = {
	value: 'auditLog',
	noun: 'audit log entry',
	path: '/api-audit-logs',
	idParameter: '',
	idLabel: '',
};

/** The methods a request can have been sent with (the API takes any text; these are the ones it serves). */
const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => ({
	name: method,
	value: method,
}));

/** Filters of Get Many. */
export const auditLogFilters: FieldSpec[] = [
	{
		name: 'apiKeyId',
		displayName: 'API Key ID',
		kind: 'reference',
		description: 'Only requests made with the API key of this numeric ID',
	},
	...dateFilters('requests'),
	{
		name: 'method',
		displayName: 'Method',
		kind: 'options',
		options: METHODS,
		default: 'GET',
		description: 'Only requests sent with this HTTP method',
	},
	{
		name: 'status',
		displayName: 'Status Code',
		kind: 'number',
		default: 200,
		description: 'Only requests answered with this HTTP status code, such as 404 or 429',
	},
];
