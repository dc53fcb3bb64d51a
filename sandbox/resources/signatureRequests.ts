/**
 * E-signature requests raised against bids and change orders. v1 has no create: requests come
 * from sending a bid or change order for signature in the web app; `/__sandbox/seed {family:
 * 'signature-requests', count}` adds them. List newest first, paged by an integer cursor (the
 * spec types the `cursor` query parameter as an integer: the sandbox answers the id of the last
 * record of the page, as a string, since ResponseMeta's cursor is a string). Resend re-emails the
 * same link (pending → sent); void cancels an active request. Both refuse (409) unless the request
 * is pending or sent. The recipient token is never answered; `signingUrl` only to keys holding
 * signatures:send, and only while the request is pending or sent.
 */
import { badRequest } from '../problems';
import { seedProjectId } from './changeOrders';
import { pick, seedTitle } from './common';
import { ok } from '../answer';
import { buildMatcher } from './engine';
import { checkTransition } from './lifecycle';
import type { FamilyDef, FamilyStore, ResourceContext, Row } from './types';

export const SIGNATURE_ENTITY_TYPES = ['bid', 'change_order'] as const;
/** The documented active statuses are pending and sent; the others are the sandbox's. */
export const SIGNATURE_STATUSES = [
	'pending',
	'sent',
	'signed',
	'declined',
	'voided',
	'expired',
] as const;
const ACTIVE = ['pending', 'sent'];
/** Seeded statuses in turn, so any seed of 7 or more has every status (sent twice). */
const SEED_CYCLE = ['sent', 'pending', 'signed', 'sent', 'declined', 'voided', 'expired'] as const;

const FAMILY = 'signature-requests';

function present(store: FamilyStore, row: Row, ctx: ResourceContext): Record<string, unknown> {
	const {
		createdAt: _createdAt,
		updatedAt: _updatedAt,
		...out
	} = store.present(signatureRequests, row);
	if (ACTIVE.includes(row.v.status as string) && ctx.key.scopes?.includes('signatures:send')) {
		out.signingUrl = `https://app.buildworkpro.com/sign/${row.x.token as string}`;
	}
	return out;
}

function list(store: FamilyStore, ctx: ResourceContext) {
	const q = ctx.query;
	const limitRaw = q.limit;
	if (
		limitRaw !== undefined &&
		limitRaw !== '' &&
		(!/^\d{1,3}$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 100)
	) {
		throw badRequest('limit must be an integer between 1 and 100.');
	}
	const limit = limitRaw ? Number(limitRaw) : 25;
	const cursorRaw = q.cursor;
	if (cursorRaw !== undefined && cursorRaw !== '' && !/^[1-9]\d{0,14}$/.test(cursorRaw)) {
		throw badRequest('cursor must be the cursor of the previous page, copied unchanged.');
	}
	if (q.entityType && !(SIGNATURE_ENTITY_TYPES as readonly string[]).includes(q.entityType)) {
		throw badRequest(`entityType must be one of: ${SIGNATURE_ENTITY_TYPES.join(', ')}.`);
	}
	const { match } = buildMatcher(signatureRequests.filters, q);
	const before = cursorRaw ? Number(cursorRaw) : Infinity;
	const table = store.table(FAMILY, ctx.tenantId);
	const items: Row[] = [];
	let hasMore = false;
	// Newest first: walk the id-sorted table from the end, starting below the cursor.
	for (let i = table.ids.length - 1; i >= 0; i--) {
		if (table.ids[i] >= before) continue;
		const row = table.byId.get(table.ids[i])!;
		if (match && !match(row)) continue;
		if (items.length === limit) {
			hasMore = true;
			break;
		}
		items.push(row);
	}
	const last = items[items.length - 1];
	return ok(
		ctx,
		items.map((r) => present(store, r, ctx)),
		200,
		{
			pagination: {
				cursor: hasMore && last ? String(last.id) : null,
				has_more: hasMore,
				count: items.length,
			},
		},
	);
}

export const signatureRequests: FamilyDef = {
	name: FAMILY,
	nouns: { singular: 'Signature request', plural: 'signature requests' },
	scopes: { read: 'signatures:read', write: 'signatures:send', delete: 'signatures:send' },
	ops: [],
	fields: [
		{ name: 'entityType', type: 'string', enum: SIGNATURE_ENTITY_TYPES, input: 'none' },
		{ name: 'entityId', type: 'integer', input: 'none' },
		{ name: 'status', type: 'string', enum: SIGNATURE_STATUSES, input: 'none', default: 'pending' },
		{ name: 'signerName', type: 'string', nullable: true, input: 'none' },
		{ name: 'signerEmail', type: 'email', nullable: true, input: 'none' },
		{ name: 'sentAt', type: 'datetime', nullable: true, input: 'none' },
		{ name: 'signedAt', type: 'datetime', nullable: true, input: 'none' },
		{ name: 'signedDocumentId', type: 'integer', nullable: true, input: 'none' },
	],
	filters: [
		{ param: 'entityType', kind: 'eq' },
		{ param: 'entityId', kind: 'ref' },
		{ param: 'status', kind: 'eq' },
	],
	extraOps: [
		{ method: 'GET', path: `/${FAMILY}`, scopes: ['signatures:read'], run: list },
		{
			method: 'GET',
			path: `/${FAMILY}/{id}`,
			scopes: ['signatures:read'],
			run: (store, ctx) =>
				ok(ctx, present(store, store.find(signatureRequests, ctx.tenantId, ctx.id), ctx)),
		},
		{
			method: 'POST',
			path: `/${FAMILY}/{id}/resend`,
			scopes: ['signatures:send'],
			run(store, ctx) {
				const row = store.find(signatureRequests, ctx.tenantId, ctx.id);
				checkTransition(signatureRequests.nouns, row.id, row.v.status as string, {
					from: ACTIVE,
					past: 'resent',
				});
				if (row.v.status === 'pending') {
					row.v.status = 'sent';
					row.v.sentAt = new Date().toISOString();
					store.touch(signatureRequests, row);
				}
				// The same link goes out again; there is nobody to email without a signer email.
				return ok(ctx, { emailSent: row.v.signerEmail !== null });
			},
		},
		{
			method: 'POST',
			path: `/${FAMILY}/{id}/void`,
			scopes: ['signatures:send'],
			run(store, ctx) {
				const row = store.find(signatureRequests, ctx.tenantId, ctx.id);
				checkTransition(
					signatureRequests.nouns,
					row.id,
					row.v.status as string,
					{ from: ACTIVE, past: 'voided' },
					'voided',
				);
				row.v.status = 'voided';
				store.touch(signatureRequests, row);
				return ok(ctx, present(store, row, ctx));
			},
		},
	],
	seedInput(i, random, store, tenantId) {
		const status = SEED_CYCLE[i % SEED_CYCLE.length];
		const entityType = i % 2 === 0 ? 'bid' : 'change_order';
		const at = (minutes: number) =>
			new Date(Date.UTC(2024, 8, 2) + i * 3_600_000 + minutes * 60_000).toISOString();
		const signer = pick(random, [
			['Maria Garcia', 'maria.garcia@example.com'],
			['James Chen', 'james.chen@example.com'],
			['Olivia Novak', 'olivia@riverbendbuilders.example.com'],
			['Robert Okafor', null],
		] as const);
		return {
			entityType,
			entityId:
				entityType === 'bid'
					? seedBidId(store, tenantId, random)
					: seedChangeOrderId(store, tenantId, random),
			status,
			signerName: signer[0],
			signerEmail: signer[1],
			sentAt: status === 'pending' ? null : at(0),
			signedAt: status === 'signed' ? at(90) : null,
			signedDocumentId: status === 'signed' ? 5000 + i : null,
		};
	},
	afterSeed(row, random) {
		row.x.token =
			Math.floor(random() * 2 ** 48)
				.toString(36)
				.padStart(10, '0') + row.id.toString(36);
	},
};

function seedBidId(store: FamilyStore, tenantId: number, random: () => number): number {
	const ids = store.table('bids', tenantId).ids;
	if (!ids.length)
		return store.insertNew(null, store.def('bids'), tenantId, { name: seedTitle(random) }).id;
	return ids[Math.floor(random() * Math.min(ids.length, 50))];
}

function seedChangeOrderId(store: FamilyStore, tenantId: number, random: () => number): number {
	const ids = store.table('change-orders', tenantId).ids;
	if (ids.length) return ids[Math.floor(random() * Math.min(ids.length, 50))];
	const projectId = seedProjectId(store, tenantId, random);
	return store.insertNew(null, store.def('change-orders'), tenantId, {
		projectId,
		title: 'Revised door hardware',
		reason: 'design_change',
	}).id;
}
