/**
 * In-app notifications of the user who owns the API key. Read-only in v1: one list, most recent
 * first, paged by `limit`/`offset` (not by cursor), filtered by `type` and `unreadOnly`.
 *
 * The sandbox's keys carry no user, so every key counts as created by the tenant's first user
 * (its owner). The API has no way to create notifications; `/__sandbox/seed
 * {family: 'notifications', count}` adds them (newest last).
 */
import { badRequest } from '../problems';
import { pick } from './common';
import { ok } from '../answer';
import { buildMatcher } from './engine';
import type { FamilyDef, FamilyStore, ResourceContext, Row } from './types';

export const NOTIFICATION_TYPES = [
	'comment_mention',
	'comment_reply',
	'bid_accepted',
	'bid_rejected',
	'task_assigned',
	'change_order_approved',
	'invoice_paid',
] as const;

/** The user the sandbox treats as the owner of every API key of the tenant. */
export function keyOwnerId(store: FamilyStore, tenantId: number): number | null {
	return store.table('users', tenantId).ids[0] ?? null;
}

function intQuery(
	name: string,
	raw: string | undefined,
	fallback: number,
	min: number,
	max: number,
): number {
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
		throw badRequest(
			max === Number.MAX_SAFE_INTEGER
				? `${name} must be an integer of at least ${min}.`
				: `${name} must be an integer between ${min} and ${max}.`,
		);
	}
	return Number(raw);
}

function booleanQuery(name: string, raw: string | undefined): boolean | undefined {
	if (raw === undefined || raw === '' || raw === 'null') return undefined;
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	throw badRequest(`${name} must be true or false, got "${raw.slice(0, 64)}".`);
}

/** A Notification has createdAt but no updatedAt. */
function present(store: FamilyStore, row: Row): Record<string, unknown> {
	const { updatedAt: _updatedAt, ...out } = store.present(notifications, row);
	return out;
}

/** Most recent first (ties by id, newest id first). */
const newestFirst = (a: Row, b: Row) => b.createdMs - a.createdMs || b.id - a.id;

function list(store: FamilyStore, ctx: ResourceContext) {
	const limit = intQuery('limit', ctx.query.limit, 25, 1, 100);
	const offset = intQuery('offset', ctx.query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
	const unreadOnly = booleanQuery('unreadOnly', ctx.query.unreadOnly);
	const { match } = buildMatcher(notifications.filters, ctx.query);
	const owner = keyOwnerId(store, ctx.tenantId);
	const rows = [...store.table('notifications', ctx.tenantId).live()]
		.filter(
			(r) => r.v.userId === owner && (!unreadOnly || r.v.readAt === null) && (!match || match(r)),
		)
		.sort(newestFirst);
	const page = rows.slice(offset, offset + limit);
	return ok(
		ctx,
		page.map((r) => present(store, r)),
		200,
		{
			// ResponseMeta's pagination (cursor/has_more/count): no cursor on an offset list.
			pagination: {
				cursor: null,
				has_more: offset + page.length < rows.length,
				count: page.length,
			},
		},
	);
}

export const notifications: FamilyDef = {
	name: 'notifications',
	nouns: { singular: 'Notification', plural: 'notifications' },
	scopes: { read: 'notifications:read', write: 'notifications:read', delete: 'notifications:read' },
	ops: [],
	fields: [
		{
			name: 'tenantId',
			type: 'integer',
			input: 'none',
			default: ({ tenantId }: { tenantId: number }) => tenantId,
		},
		{ name: 'userId', type: 'integer', input: 'none' },
		{ name: 'type', type: 'string', input: 'none' },
		{ name: 'title', type: 'string', input: 'none' },
		{ name: 'message', type: 'string', nullable: true, input: 'none' },
		{ name: 'entityType', type: 'string', nullable: true, input: 'none' },
		{ name: 'entityId', type: 'integer', nullable: true, input: 'none' },
		{ name: 'readAt', type: 'datetime', nullable: true, input: 'none' },
	],
	filters: [{ param: 'type', kind: 'eq' }],
	extraOps: [{ method: 'GET', path: '/notifications', scopes: ['notifications:read'], run: list }],
	seedInput(i, random, store, tenantId) {
		const type = pick(random, NOTIFICATION_TYPES);
		const entityType =
			type.startsWith('comment') || type === 'task_assigned'
				? 'project'
				: type.startsWith('bid')
					? 'bid'
					: type.startsWith('change_order')
						? 'change_order'
						: 'invoice';
		return {
			userId: keyOwnerId(store, tenantId),
			type,
			title: TITLES[type],
			message: type.startsWith('comment') ? 'Can we move the concrete pour to Thursday?' : null,
			entityType,
			entityId: 1 + Math.floor(random() * 40),
			// About one in three has been read.
			readAt: random() < 1 / 3 ? new Date(Date.UTC(2024, 6, 1) + i * 60_000).toISOString() : null,
		};
	},
};

const TITLES: Record<(typeof NOTIFICATION_TYPES)[number], string> = {
	comment_mention: 'Dana Whitaker mentioned you in a comment',
	comment_reply: 'New reply in a thread you follow',
	bid_accepted: 'Bid accepted by the customer',
	bid_rejected: 'Bid rejected by the customer',
	task_assigned: 'A task was assigned to you',
	change_order_approved: 'Change order approved',
	invoice_paid: 'Invoice paid in full',
};
