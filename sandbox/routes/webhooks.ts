/** Webhook endpoints and their deliveries (sandbox/webhooks.ts holds the state and the sending). */
import { ok } from '../answer';
import { parseLimit } from '../query';
import type { RouteEntry } from '../route';

const scopes = ['webhooks:manage'];

export const WEBHOOK_ROUTES: readonly RouteEntry[] = [
	{
		method: 'GET',
		path: '/webhook-endpoints',
		scopes,
		cost: 1,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.list(ctx.tenantId)),
	},
	{
		method: 'POST',
		path: '/webhook-endpoints',
		scopes,
		cost: 5,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.create(ctx.tenantId, ctx.body), 201),
	},
	{
		method: 'GET',
		path: '/webhook-endpoints/{id}',
		scopes,
		cost: 1,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.get(ctx.tenantId, ctx.id)),
	},
	{
		method: 'PATCH',
		path: '/webhook-endpoints/{id}',
		scopes,
		cost: 5,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.update(ctx.tenantId, ctx.id, ctx.body)),
	},
	{
		method: 'DELETE',
		path: '/webhook-endpoints/{id}',
		scopes,
		cost: 5,
		handler: ({ webhooks }, ctx) => {
			webhooks.remove(ctx.tenantId, ctx.id);
			return { status: 204 };
		},
	},
	{
		method: 'POST',
		path: '/webhook-endpoints/{id}/rotate-secret',
		scopes,
		cost: 5,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.rotateSecret(ctx.tenantId, ctx.id)),
	},
	{
		method: 'GET',
		path: '/webhook-endpoints/{id}/deliveries',
		scopes,
		cost: 1,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.endpointDeliveries(ctx.tenantId, ctx.id)),
	},
	{
		method: 'GET',
		path: '/webhook-deliveries',
		scopes,
		cost: 1,
		handler: ({ webhooks, cursors }, ctx) => {
			const page = webhooks.listDeliveries(
				ctx.tenantId,
				ctx.query,
				parseLimit(ctx.query.limit),
				cursors,
			);
			return ok(ctx, page.data, 200, { pagination: page.pagination });
		},
	},
	{
		method: 'GET',
		path: '/webhook-deliveries/{id}',
		scopes,
		cost: 1,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.getDelivery(ctx.tenantId, ctx.id)),
	},
	{
		method: 'POST',
		path: '/webhook-deliveries/{id}/replay',
		scopes,
		cost: 5,
		handler: ({ webhooks }, ctx) => ok(ctx, webhooks.replay(ctx.tenantId, ctx.id)),
	},
];
