/**
 * Scopes and rate-limit costs of the operations the sandbox serves. These mirror `security`
 * and `x-rate-limit-cost` in openapi.json; test/sandbox checks the table against that file so
 * the two cannot drift apart silently.
 */
import { RESOURCE_OPERATIONS } from './resources';
import { JOB_ROUTES } from './jobs';
import { ACCOUNT_OPERATIONS } from './account';

export const ALL_SCOPES: readonly string[] = [
	'audit:read',
	'bids:accept_reject',
	'bids:delete',
	'bids:read',
	'bids:send',
	'bids:write',
	'change_orders:approve',
	'change_orders:delete',
	'change_orders:read',
	'change_orders:write',
	'comments:delete',
	'comments:read',
	'comments:write',
	'contacts:delete',
	'contacts:read',
	'contacts:write',
	'documents:delete',
	'documents:read',
	'documents:write',
	'invoices:delete',
	'invoices:mark_paid',
	'invoices:read',
	'invoices:send',
	'invoices:void',
	'invoices:write',
	'jobs:read',
	'jobs:write',
	'leads:delete',
	'leads:read',
	'leads:write',
	'notifications:read',
	'offline_access',
	'pay_apps:approve',
	'pay_apps:delete',
	'pay_apps:mark_paid',
	'pay_apps:read',
	'pay_apps:write',
	'products:delete',
	'products:read',
	'products:write',
	'projects:delete',
	'projects:read',
	'projects:write',
	'settings:read',
	'settings:write',
	'signatures:read',
	'signatures:send',
	'site_logs:delete',
	'site_logs:read',
	'site_logs:write',
	'time_entries:delete',
	'time_entries:read',
	'time_entries:write',
	'users:read',
	'webhooks:manage',
];

export interface OperationInfo {
	method: string;
	/** openapi path template, relative to /api/v1. */
	path: string;
	/** First required scope; null = authentication only (GET /me). */
	scope: string | null;
	/** Every required scope (openapi lists them in one security requirement, so all are needed). */
	scopes: string[];
	cost: number;
}

const CORE_OPERATIONS: ReadonlyArray<Omit<OperationInfo, 'scopes'>> = [
	{ method: 'GET', path: '/me', scope: null, cost: 1 },
	{ method: 'GET', path: '/usage', scope: 'audit:read', cost: 1 },
	{ method: 'GET', path: '/contacts', scope: 'contacts:read', cost: 1 },
	{ method: 'POST', path: '/contacts', scope: 'contacts:write', cost: 5 },
	{ method: 'GET', path: '/contacts/count', scope: 'contacts:read', cost: 1 },
	{ method: 'GET', path: '/contacts/summary', scope: 'contacts:read', cost: 1 },
	{ method: 'POST', path: '/contacts/get-many', scope: 'contacts:read', cost: 5 },
	{ method: 'GET', path: '/contacts/{id}', scope: 'contacts:read', cost: 1 },
	{ method: 'PATCH', path: '/contacts/{id}', scope: 'contacts:write', cost: 5 },
	{ method: 'DELETE', path: '/contacts/{id}', scope: 'contacts:delete', cost: 5 },
	{ method: 'GET', path: '/webhook-endpoints', scope: 'webhooks:manage', cost: 1 },
	{ method: 'POST', path: '/webhook-endpoints', scope: 'webhooks:manage', cost: 5 },
	{ method: 'GET', path: '/webhook-endpoints/{id}', scope: 'webhooks:manage', cost: 1 },
	{ method: 'PATCH', path: '/webhook-endpoints/{id}', scope: 'webhooks:manage', cost: 5 },
	{ method: 'DELETE', path: '/webhook-endpoints/{id}', scope: 'webhooks:manage', cost: 5 },
	{
		method: 'POST',
		path: '/webhook-endpoints/{id}/rotate-secret',
		scope: 'webhooks:manage',
		cost: 5,
	},
	{ method: 'GET', path: '/webhook-endpoints/{id}/deliveries', scope: 'webhooks:manage', cost: 1 },
	{ method: 'GET', path: '/webhook-deliveries', scope: 'webhooks:manage', cost: 1 },
	{ method: 'GET', path: '/webhook-deliveries/{id}', scope: 'webhooks:manage', cost: 1 },
	{ method: 'POST', path: '/webhook-deliveries/{id}/replay', scope: 'webhooks:manage', cost: 5 },
];

/**
 * Every operation the sandbox serves: hand-written ones first, then every operation of the
 * resource families (sandbox/resources), then jobs and files (sandbox/jobs.ts), then settings and
 * the audit log (sandbox/account.ts).
 */
export const OPERATIONS: readonly OperationInfo[] = [
	...CORE_OPERATIONS.map((op) => ({ ...op, scopes: op.scope ? [op.scope] : [] })),
	...RESOURCE_OPERATIONS.map((op) => ({
		method: op.method,
		path: op.path,
		scope: op.scopes[0] ?? null,
		scopes: [...op.scopes],
		cost: op.cost,
	})),
	...JOB_ROUTES.map((op) => ({
		method: op.method,
		path: op.path,
		scope: op.scopes[0] ?? null,
		scopes: [...op.scopes],
		cost: costOf(op.method, op.path),
	})),
	...ACCOUNT_OPERATIONS.map((op) => ({
		...op,
		scope: op.scopes[0] ?? null,
		scopes: [...op.scopes],
	})),
];

/**
 * Documented cost classes, used for any request (including routes the sandbox does not serve):
 * reads 1, writes 5, exports 20, PDFs 50, bulk 100, imports 200.
 */
export function costOf(method: string, relativePath: string): number {
	const segments = relativePath.split('/');
	if (segments.includes('imports')) return 200;
	if (segments.includes('bulk')) return 100;
	if (segments.includes('pdf')) return 50;
	if (segments.includes('exports')) return 20;
	const m = method.toUpperCase();
	return m === 'GET' || m === 'HEAD' ? 1 : 5;
}
