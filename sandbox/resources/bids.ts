/**
 * Bids (estimates/proposals) and their line items. Lifecycle (openapi.json descriptions):
 * draft → sent (send); draft|sent|expired|rejected → accepted (accept; 409 when already accepted);
 * accepted → draft|sent|expired|rejected (revert-acceptance {status}); accepted bids are locked
 * (PATCH, DELETE and line-item edits answer 409). Where the spec is silent (reject), the sandbox
 * allows draft|sent|expired → rejected: an accepted bid must be reverted first. Cancelling,
 * reopening (web app) and expiring (scheduler) have no API operation: see appActions.ts.
 */
import { ApiError } from '../problems';
import {
	dec,
	date,
	groupRows,
	int,
	numbered,
	pick,
	seedAmount,
	seedTitle,
	siteFields,
	str,
	sumCents,
} from './common';
import { ok } from '../answer';
import { validateFields, type FieldSpec } from './fields';
import type { EditGuard } from './lifecycle';
import { fromCents, lineCents, percentOf, toCents } from './money';
import type { FamilyDef, FamilyStore, ResourceContext, Row } from './types';

export const BID_STATUSES = [
	'draft',
	'sent',
	'accepted',
	'rejected',
	'expired',
	'cancelled',
] as const;
const UNLOCKED: EditGuard['allowed'] = ['draft', 'sent', 'rejected', 'expired', 'cancelled'];

const LINE_FIELDS: FieldSpec[] = [
	int('productId'),
	str('markName', { maxLength: 100 }),
	{ name: 'description', type: 'string', required: true },
	dec('quantity'),
	...['width', 'height', 'depth', 'area', 'perimeterLf', 'volumeCf'].map((n) => dec(n)),
	int('order'),
	str('deletedAt', { hidden: true }),
	{ name: 'unitPrice', type: 'decimal' },
];

interface BidLine {
	id: number;
	bidId: number;
	[field: string]: unknown;
}

const presentLine = (line: BidLine) => {
	const { deletedAt: _d, ...rest } = line;
	return { ...rest, total: fromCents(lineCents(line.quantity, line.unitPrice)) };
};
const linesOf = (row: Row): BidLine[] => (row.x.lines ??= []);

/** subtotal = Σ lines; discount fixed (capped at the subtotal) or percentage of it; tax on (subtotal − discount). */
function recompute(row: Row): void {
	const subtotal = linesOf(row).reduce((sum, l) => sum + lineCents(l.quantity, l.unitPrice), 0);
	const v = row.v;
	const discount =
		v.discountType === 'percentage' || v.discountType === 'percent'
			? percentOf(subtotal, v.discount)
			: Math.min(toCents(v.discount), subtotal);
	const tax = percentOf(subtotal - discount, v.taxRate);
	v.subtotal = fromCents(subtotal);
	v.discountAmount = fromCents(discount);
	v.taxAmount = fromCents(tax);
	v.total = fromCents(subtotal - discount + tax);
}

const FIELDS: FieldSpec[] = [
	{ name: 'bidNumber', type: 'string', default: numbered('BID') },
	str('name', { maxLength: 255, optional: true }),
	int('contactId'),
	int('leadId'),
	int('projectId'),
	{ name: 'status', type: 'string', input: 'none', default: 'draft' },
	dec('subtotal', { input: 'none' }),
	dec('taxAmount', { input: 'none' }),
	dec('total', { input: 'none' }),
	dec('discountAmount', { input: 'none', optional: true }),
	dec('taxRate'),
	dec('discount'),
	str('discountType', { maxLength: 20 }),
	date('validUntil'),
	str('notes'),
	str('terms'),
	...siteFields(),
	date('sentAt', { input: 'update' }),
	date('acceptedAt', { input: 'update' }),
	str('acceptedBy', { input: 'update', maxLength: 255 }),
	// Accepted by create/update, answered as extras (the Bid schema does not forbid them).
	date('dueDate', { optional: true }),
	date('rejectedAt', { optional: true }),
	str('cancelReason', { optional: true }),
	date('cancelledAt', { optional: true }),
	str('cancelledFromStatus', { maxLength: 50, optional: true }),
	dec('latitude', { optional: true }),
	dec('longitude', { optional: true }),
	str('paymentTermsText', { optional: true }),
	int('paymentTermId', { optional: true }),
	int('createdBy', { input: 'update', optional: true }),
	dec('marginPercent', { optional: true }),
	dec('companyOhPercent', { optional: true }),
	dec('commissionPercent', { optional: true }),
	{ name: 'showSublines', type: 'boolean', nullable: true, optional: true },
	{ name: 'roundSalesAmounts', type: 'boolean', nullable: true, optional: true },
	{
		name: 'kanbanOrder',
		type: 'integer',
		min: -2147483648,
		max: 2147483647,
		default: 0,
		optional: true,
	},
];

/** The bid, unless it is locked (accepted), for edits of it or its line items. */
function unlockedBid(store: FamilyStore, ctx: ResourceContext, past: string): Row {
	const row = store.find(bids, ctx.tenantId, ctx.id);
	store.guard(bids, row, { allowed: UNLOCKED, past });
	return row;
}

function findLine(row: Row, itemId: number): BidLine {
	const line = linesOf(row).find((l) => l.id === itemId);
	if (!line)
		throw new ApiError(404, 'not_found', `Line item ${itemId} not found on bid ${row.id}.`);
	return line;
}

export const bids: FamilyDef = {
	name: 'bids',
	nouns: { singular: 'Bid', plural: 'bids' },
	eventPrefix: 'bid',
	scopes: { read: 'bids:read', write: 'bids:write', delete: 'bids:delete' },
	ops: ['list', 'create', 'count', 'summary', 'getMany', 'get', 'patch', 'delete'],
	fields: FIELDS,
	recompute,
	guards: {
		patch: { allowed: UNLOCKED, past: 'edited' },
		delete: { allowed: UNLOCKED, past: 'deleted' },
	},
	filters: [
		{ param: 'status', kind: 'eq' },
		{ param: 'contactId', kind: 'ref' },
		{ param: 'leadId', kind: 'ref' },
		{ param: 'projectId', kind: 'ref' },
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'updatedFrom', kind: 'from', field: 'updatedAt' },
	],
	searchFields: ['bidNumber', 'name', 'notes', 'siteAddress', 'siteCity'],
	summaryFilters: [
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'contactId', kind: 'ref', positive: true },
		{ param: 'createdBy', kind: 'ref', positive: true },
	],
	summary(rows) {
		const value = (r: Row) => r.v.total;
		return {
			totals: { count: rows.length, total_value: fromCents(sumCents(rows, value)) },
			by_status: [
				...groupRows(
					rows,
					(r) => r.v.status,
					[value],
					['draft', 'sent', 'accepted', 'rejected', 'expired'],
				),
			].map(([status, b]) => ({
				status,
				count: b.count,
				total_value: fromCents(b.cents[0]),
			})),
		};
	},
	actions: [
		{
			name: 'send',
			past: 'sent',
			scopes: ['bids:send'],
			from: ['draft'],
			to: 'sent',
			apply: (row, _b, now) => (row.v.sentAt = now),
		},
		{
			name: 'accept',
			past: 'accepted',
			scopes: ['bids:accept_reject'],
			from: ['draft', 'sent', 'expired', 'rejected'],
			to: 'accepted',
			body: [{ name: 'acceptedBy', type: 'string', minLength: 1, required: true }],
			apply: (row, body, now) =>
				Object.assign(row.v, { acceptedAt: now, acceptedBy: body.acceptedBy }),
			event: 'accepted',
		},
		{
			name: 'revert-acceptance',
			past: 'reverted',
			scopes: ['bids:accept_reject'],
			from: ['accepted'],
			to: (body) => body.status as string,
			body: [
				{
					name: 'status',
					type: 'string',
					enum: ['draft', 'sent', 'expired', 'rejected'],
					required: true,
				},
			],
			apply: (row) => Object.assign(row.v, { acceptedAt: null, acceptedBy: null }),
			event: 'acceptance_reverted',
		},
		{
			name: 'reject',
			past: 'rejected',
			scopes: ['bids:accept_reject'],
			from: ['draft', 'sent', 'expired'],
			to: 'rejected',
			apply: (row, _b, now) => (row.v.rejectedAt = now),
			event: 'rejected',
		},
	],
	// Cancelling and reopening happen in the web app (no API operation; the write schemas only
	// carry cancelReason, cancelledAt and cancelledFromStatus). Accepted bids are locked: revert
	// the acceptance first. A reopened bid gets back the status it was cancelled from.
	appActions: [
		{
			name: 'cancel',
			past: 'cancelled',
			from: ['draft', 'sent', 'rejected', 'expired'],
			to: 'cancelled',
			body: [{ name: 'reason', type: 'string', nullable: true, maxLength: 2000 }],
			apply: (row, body, now, fromStatus) =>
				Object.assign(row.v, {
					cancelledAt: now,
					cancelReason: body.reason ?? null,
					cancelledFromStatus: fromStatus,
				}),
			event: 'cancelled',
		},
		{
			name: 'reopen',
			past: 'reopened',
			from: ['cancelled'],
			to: (row) => (row.v.cancelledFromStatus as string | null) ?? 'draft',
			apply: (row) =>
				Object.assign(row.v, { cancelledAt: null, cancelReason: null, cancelledFromStatus: null }),
			event: 'reopened',
		},
	],
	// The scheduler expires an offer the customer has not answered by validUntil.
	scheduledActions: [
		{
			name: 'expire',
			past: 'expired',
			from: ['sent'],
			to: 'expired',
			due: (row, nowMs) =>
				typeof row.v.validUntil === 'string' && Date.parse(row.v.validUntil) < nowMs,
			event: 'expired',
		},
	],
	extraOps: [
		{
			method: 'POST',
			path: '/bids/{id}/duplicate',
			scopes: ['bids:write'],
			run(store, ctx) {
				const source = store.find(bids, ctx.tenantId, ctx.id);
				const copy: Record<string, unknown> = {};
				for (const f of FIELDS)
					if ((f.input ?? 'both') === 'both' && f.name !== 'bidNumber')
						copy[f.name] = source.v[f.name];
				const row = store.newRow(bids, ctx.tenantId, copy, Date.now());
				row.x.lines = linesOf(source).map((l) => ({
					...l,
					id: store.nextId('bid-line-items'),
					bidId: row.id,
				}));
				recompute(row);
				store.table('bids', ctx.tenantId).insert(row);
				const data = store.present(bids, row);
				store.emit(ctx, bids, 'created', data);
				return ok(ctx, data, 201);
			},
		},
		{
			method: 'POST',
			path: '/bids/{id}/convert-to-project',
			scopes: ['bids:write', 'projects:write'],
			// data is untyped in openapi.json: the sandbox answers {project, bid}. Phases and tasks
			// (mappingStrategy) are not modelled; the strategy is only checked.
			run(store, ctx) {
				const bid = store.find(bids, ctx.tenantId, ctx.id);
				const body = validateFields(
					[
						{
							name: 'mappingStrategy',
							type: 'string',
							enum: ['phases', 'tasks', 'blank'],
							required: true,
						},
						{ name: 'templateId', type: 'integer' },
						{ name: 'lineItemPhaseMapping', type: 'json' },
						{ name: 'name', type: 'string', maxLength: 255 },
						{ name: 'startDate', type: 'datetime' },
						{ name: 'expectedEndDate', type: 'datetime' },
					],
					ctx.body,
					'create',
				);
				if (bid.v.status !== 'accepted') {
					throw new ApiError(
						409,
						'conflict',
						`Bid ${bid.id} is ${bid.v.status}; only accepted bids can be converted to a project.`,
					);
				}
				if (bid.x.convertedProjectId) {
					throw new ApiError(
						409,
						'conflict',
						`Bid ${bid.id} was already converted to project ${bid.x.convertedProjectId}.`,
					);
				}
				const v = bid.v;
				const projectDef = store.def('projects');
				const project = store.newRow(
					projectDef,
					ctx.tenantId,
					{
						name: body.name ?? v.name ?? `Project for bid ${v.bidNumber}`,
						contactId: v.contactId,
						contractValue: v.total,
						originalContractValue: v.total,
						siteAddress: v.siteAddress,
						siteCity: v.siteCity,
						siteState: v.siteState,
						siteZipCode: v.siteZipCode,
						startDate: body.startDate,
						expectedEndDate: body.expectedEndDate,
					},
					Date.now(),
				);
				project.v.bidId = bid.id;
				store.table('projects', ctx.tenantId).insert(project);
				const projectData = store.present(projectDef, project);
				store.emit(ctx, projectDef, 'created', projectData);
				const bidData = store.mutate(ctx, bids, bid, () => {
					bid.x.convertedProjectId = project.id;
					bid.v.projectId = project.id;
				});
				return ok(ctx, { project: projectData, bid: bidData }, 201);
			},
		},
		{
			method: 'GET',
			path: '/bids/{id}/line-items',
			scopes: ['bids:read'],
			// Not paginated in openapi.json (no limit/cursor): every line, in `order` then id.
			run(store, ctx) {
				const row = store.find(bids, ctx.tenantId, ctx.id);
				const sorted = [...linesOf(row)].sort(
					(a, b) => ((a.order as number) ?? 0) - ((b.order as number) ?? 0) || a.id - b.id,
				);
				return ok(ctx, sorted.map(presentLine));
			},
		},
		{
			method: 'POST',
			path: '/bids/{id}/line-items',
			scopes: ['bids:write'],
			run(store, ctx) {
				const row = store.find(bids, ctx.tenantId, ctx.id);
				const values = validateFields(LINE_FIELDS, ctx.body, 'create');
				store.guard(bids, row, { allowed: UNLOCKED, past: 'edited' });
				const lines = linesOf(row);
				const line: BidLine = {
					id: store.nextId('bid-line-items'),
					bidId: row.id,
					productId: null,
					markName: null,
					quantity: '1',
					order: lines.length + 1,
					unitPrice: '0.00',
					...Object.fromEntries(LINE_FIELDS.filter((f) => f.nullable).map((f) => [f.name, null])),
					...values,
				};
				if (line.quantity === null) line.quantity = '1';
				if (line.order === null) line.order = lines.length + 1;
				store.mutate(ctx, bids, row, () => lines.push(line));
				return ok(ctx, presentLine(line), 201);
			},
		},
		{
			method: 'PATCH',
			path: '/bids/{id}/line-items/{itemId}',
			scopes: ['bids:write'],
			run(store, ctx) {
				const row = store.find(bids, ctx.tenantId, ctx.id);
				const line = findLine(row, ctx.params.itemId);
				const values = validateFields(LINE_FIELDS, ctx.body, 'update');
				unlockedBid(store, ctx, 'edited');
				store.mutate(ctx, bids, row, () => Object.assign(line, values));
				return ok(ctx, presentLine(line));
			},
		},
		{
			method: 'DELETE',
			path: '/bids/{id}/line-items/{itemId}',
			scopes: ['bids:write'],
			run(store, ctx) {
				const row = store.find(bids, ctx.tenantId, ctx.id);
				const line = findLine(row, ctx.params.itemId);
				unlockedBid(store, ctx, 'edited');
				store.mutate(ctx, bids, row, () => row.x.lines.splice(row.x.lines.indexOf(line), 1));
				return { status: 204 };
			},
		},
	],
	seedInput(i, random) {
		const status = pick(random, [
			'draft',
			'draft',
			'sent',
			'sent',
			'accepted',
			'rejected',
			'expired',
		]);
		const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
		return {
			name: seedTitle(random),
			status,
			taxRate: pick(random, ['0', '6.25', '8.25']),
			notes: i % 6 === 0 ? 'Excludes permits and after-hours work.' : null,
			sentAt: status === 'draft' ? null : at,
			acceptedAt: status === 'accepted' ? at : null,
			acceptedBy: status === 'accepted' ? 'Owner representative' : null,
		};
	},
	afterSeed(row, random, store) {
		const n = 1 + Math.floor(random() * 3);
		row.x.lines = Array.from({ length: n }, (_, k) => ({
			id: store.nextId('bid-line-items'),
			bidId: row.id,
			productId: null,
			markName: null,
			description: pick(random, [
				'Mobilization',
				'Concrete slab on grade',
				'Framing labor',
				'Electrical rough-in',
				'Drywall hang and finish',
				'Final clean',
			]),
			quantity: String(1 + Math.floor(random() * 20)),
			unitPrice: seedAmount(random, 100, 5_000),
			order: k + 1,
		}));
		recompute(row);
	},
};
