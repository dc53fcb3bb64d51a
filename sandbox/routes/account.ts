/** Who is calling (GET /me, GET /usage) and the account's own views: settings and the API audit log. */
import { ok } from '../answer';
import { brandingOf, dataRetentionOf } from '../account';
import { parseLimit } from '../query';
import type { RouteEntry } from '../route';

/** The key and its rate-limit usage; GET /me is documented on the API-keys page only (not in openapi.json). */
export const CALLER_ROUTES: readonly RouteEntry[] = [
	{
		method: 'GET',
		path: '/me',
		scopes: [],
		cost: 1,
		handler: (_services, ctx) =>
			ok(ctx, {
				keyId: ctx.keyId,
				keyName: ctx.key.name,
				tenantId: ctx.tenantId,
				scopes: [...ctx.key.scopes],
			}),
	},
	{
		method: 'GET',
		path: '/usage',
		scopes: ['audit:read'],
		cost: 1,
		handler: ({ rateLimiter }, ctx) => ok(ctx, rateLimiter.usage(ctx.key.token, ctx.tenantId)),
	},
];

export const ACCOUNT_ROUTES: readonly RouteEntry[] = [
	{
		method: 'GET',
		path: '/settings/branding',
		scopes: ['users:read'],
		cost: 1,
		handler: (_services, ctx) => ok(ctx, brandingOf(ctx.tenantId)),
	},
	{
		method: 'GET',
		path: '/settings/data-retention',
		scopes: ['users:read'],
		cost: 1,
		handler: (_services, ctx) => ok(ctx, dataRetentionOf(ctx.tenantId)),
	},
	{
		method: 'GET',
		path: '/api-audit-logs',
		scopes: ['audit:read'],
		cost: 1,
		handler: ({ auditLog, cursors }, ctx) => {
			const page = auditLog.list(ctx.tenantId, ctx.query, parseLimit(ctx.query.limit), cursors);
			return ok(ctx, page.data, 200, { pagination: page.pagination });
		},
	},
];
