/**
 * Change orders. Lifecycle: draft → submitted (submit) → approved (approve {approvedBy?}) or
 * rejected (reject {reason}). Only drafts can be edited ("Update draft change order"); openapi
 * lists no 409 for DELETE, so any change order can be deleted. Voiding (→ void) happens in the
 * web app: see appActions.ts.
 */
import { date, groupRows, numbered, pick, requireRefs, seedAmount, str, sumCents } from './common';
import { fromCents } from './money';
import type { FamilyDef, FamilyStore, Row } from './types';

export const CHANGE_ORDER_STATUSES = [
	'draft',
	'submitted',
	'approved',
	'rejected',
	'void',
] as const;

export const changeOrders: FamilyDef = {
	name: 'change-orders',
	nouns: { singular: 'Change order', plural: 'change orders' },
	eventPrefix: 'change_order',
	scopes: {
		read: 'change_orders:read',
		write: 'change_orders:write',
		delete: 'change_orders:delete',
	},
	ops: ['list', 'create', 'count', 'summary', 'getMany', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'changeOrderNumber', type: 'string', default: numbered('CO') },
		{
			name: 'projectId',
			type: 'integer',
			required: true,
			input: 'create',
			min: -2147483648,
			max: 2147483647,
		},
		{ name: 'title', type: 'string', required: true },
		str('description'),
		{ name: 'status', type: 'string', input: 'none', default: 'draft' },
		{ name: 'reason', type: 'string', required: true },
		// Not in the create/update schemas (the vendor sums the change order's items, which v1 does
		// not expose): the sandbox accepts it so tests can give a change order an amount.
		{ name: 'totalAmount', type: 'decimal', nullable: true, default: '0.00' },
		date('approvedAt', { input: 'none' }),
		str('approvedBy', { input: 'none' }),
		date('rejectedAt', { input: 'none' }),
		str('rejectionReason', { input: 'none' }),
		date('submittedAt', { input: 'none', optional: true }),
		{ name: 'roundSalesAmounts', type: 'boolean', nullable: true, optional: true },
	],
	prepare: (store, tenantId, values) =>
		requireRefs(store, tenantId, values, { projectId: 'projects' }),
	guards: { patch: { allowed: ['draft'], past: 'edited' } },
	filters: [
		{ param: 'status', kind: 'eq' },
		{ param: 'projectId', kind: 'ref' },
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
	],
	searchFields: ['changeOrderNumber', 'title', 'description', 'reason'],
	summaryFilters: [
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'projectId', kind: 'ref', positive: true },
	],
	summary(rows) {
		const value = (r: Row) => r.v.totalAmount;
		return {
			totals: { count: rows.length, total_amount: fromCents(sumCents(rows, value)) },
			by_status: [...groupRows(rows, (r) => r.v.status, [value], CHANGE_ORDER_STATUSES)].map(
				([status, b]) => ({ status, count: b.count, total_amount: fromCents(b.cents[0]) }),
			),
		};
	},
	actions: [
		{
			name: 'submit',
			past: 'submitted',
			scopes: ['change_orders:write'],
			from: ['draft'],
			to: 'submitted',
			apply: (row, _b, now) => (row.v.submittedAt = now),
			event: 'submitted',
		},
		{
			name: 'approve',
			past: 'approved',
			scopes: ['change_orders:approve'],
			from: ['submitted'],
			to: 'approved',
			body: [{ name: 'approvedBy', type: 'string', minLength: 1, maxLength: 255 }],
			// approvedBy is optional: the sandbox records the API key's name when it is omitted.
			apply: (row, body, now, ctx) =>
				Object.assign(row.v, {
					approvedAt: now,
					approvedBy: body.approvedBy ?? ctx?.key.name ?? null,
				}),
			event: 'approved',
		},
		{
			name: 'reject',
			past: 'rejected',
			scopes: ['change_orders:approve'],
			from: ['submitted'],
			to: 'rejected',
			body: [{ name: 'reason', type: 'string', minLength: 1, maxLength: 2000, required: true }],
			apply: (row, body, now) =>
				Object.assign(row.v, { rejectedAt: now, rejectionReason: body.reason }),
			event: 'rejected',
		},
	],
	// Voiding happens in the web app (no API operation); 'void' is the status the summary names.
	// Drafts are deleted instead; a void change order no longer counts as approved.
	appActions: [
		{
			name: 'void',
			past: 'voided',
			from: ['submitted', 'approved', 'rejected'],
			to: 'void',
			event: 'voided',
		},
	],
	seedInput(i, random, store, tenantId) {
		const status = pick(random, ['draft', 'submitted', 'approved', 'approved', 'rejected']);
		return {
			projectId: seedProjectId(store, tenantId, random),
			title: pick(random, [
				'Added outlets in conference room',
				'Owner-requested tile upgrade',
				'Unforeseen rock excavation',
				'Revised door hardware',
				'Extra steel lintels',
			]),
			reason: pick(random, ['owner_request', 'unforeseen_condition', 'design_change']),
			status,
			totalAmount: seedAmount(random, 250, 40_000),
			approvedAt:
				status === 'approved' ? new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString() : null,
			approvedBy: status === 'approved' ? 'Owner representative' : null,
		};
	},
};

/** A live project of the tenant for seeded change orders and pay apps (one is created when none exists). */
export function seedProjectId(store: FamilyStore, tenantId: number, random: () => number): number {
	const ids = store.table('projects', tenantId).ids;
	if (!ids.length)
		return store.insertNew(null, store.def('projects'), tenantId, {
			name: 'Seeded project',
			contractValue: '1000000.00',
		}).id;
	return ids[Math.floor(random() * Math.min(ids.length, 50))];
}
