/**
 * Every scope the API knows and its documented rate-limit cost classes. The scopes and cost of
 * each served operation sit on its entry in the route table (sandbox/routeTable.ts); test/sandbox
 * checks both against openapi.json.
 */

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
