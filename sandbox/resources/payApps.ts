/**
 * Pay applications (AIA G702-style progress billing). Lifecycle: draft|rejected → submitted
 * (submit) → approved (approve) or rejected (reject {reason}); approved → paid (mark-paid).
 * Drafts (and, the sandbox's judgment, rejected ones being revised) can be edited; only drafts
 * can be deleted ("Delete draft pay application"). Voiding (→ voided) happens in the web app:
 * see appActions.ts.
 *
 * Totals: revisedContractSum = contractSum + changeOrdersTotal; totalCompleted = previouslyBilled
 * + currentBilled + materialsStored; retainageAmount = totalCompleted × retainagePercent;
 * currentPaymentDue = (totalCompleted − retainage) − (previouslyBilled − its retainage).
 * previouslyBilled is fixed at creation: the project's approved and paid pay apps so far.
 */
import {
	date,
	dec,
	groupRows,
	int,
	numbered,
	pick,
	requireRefs,
	seedAmount,
	str,
	sumCents,
} from './common';
import { seedProjectId } from './changeOrders';
import { fromCents, percentOf, toCents } from './money';
import type { FamilyDef, Row } from './types';

export const PAY_APP_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'paid'] as const;
const BILLED = new Set(['approved', 'paid']);

function recompute(row: Row): void {
	const v = row.v;
	const r = v.retainagePercent;
	const previous = toCents(v.previouslyBilled);
	const completed = previous + toCents(v.currentBilled) + toCents(v.materialsStored);
	const retainage = percentOf(completed, r);
	v.revisedContractSum = fromCents(toCents(v.contractSum) + toCents(v.changeOrdersTotal));
	v.totalCompleted = fromCents(completed);
	v.retainageAmount = fromCents(retainage);
	v.currentPaymentDue = fromCents(completed - retainage - (previous - percentOf(previous, r)));
}

export const payApps: FamilyDef = {
	name: 'pay-apps',
	nouns: { singular: 'Pay app', plural: 'pay apps' },
	eventPrefix: 'pay_app',
	scopes: { read: 'pay_apps:read', write: 'pay_apps:write', delete: 'pay_apps:delete' },
	ops: ['list', 'create', 'count', 'summary', 'getMany', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'payAppNumber', type: 'string', default: numbered('PA') },
		{ name: 'projectId', type: 'integer', required: true, min: -2147483648, max: 2147483647 },
		{ name: 'status', type: 'string', input: 'none', default: 'draft' },
		date('periodStart'),
		date('periodEnd'),
		dec('contractSum'),
		dec('changeOrdersTotal'),
		dec('revisedContractSum', { input: 'none' }),
		dec('previouslyBilled', { input: 'none', default: '0.00' }),
		// currentBilled and materialsStored come from the schedule of values, which v1 does not
		// expose: the sandbox accepts them on create/update so pay apps can carry amounts.
		dec('currentBilled', { default: '0.00' }),
		dec('materialsStored', { default: '0.00' }),
		dec('totalCompleted', { input: 'none' }),
		dec('retainagePercent'),
		dec('retainageAmount', { input: 'none' }),
		dec('currentPaymentDue', { input: 'none' }),
		str('notes', { optional: true }),
		date('submittedAt', { input: 'none', optional: true }),
		date('approvedAt', { input: 'none', optional: true }),
		date('rejectedAt', { input: 'none', optional: true }),
		str('rejectionReason', { input: 'none', optional: true }),
		date('paidAt', { input: 'none', optional: true }),
		{ name: 'changeOrders', type: 'json', nullable: true, hidden: true },
		int('voidedBy', { hidden: true }),
		str('voidedAt', { hidden: true }),
		str('voidReason', { hidden: true }),
		str('sentAt', { hidden: true }),
		int('sentBy', { hidden: true }),
	],
	recompute,
	prepare(store, tenantId, values, row) {
		requireRefs(store, tenantId, values, { projectId: 'projects' });
		if (!row) {
			let previous = 0;
			for (const other of store.table('pay-apps', tenantId).live()) {
				if (other.v.projectId === values.projectId && BILLED.has(other.v.status as string)) {
					previous += toCents(other.v.currentBilled) + toCents(other.v.materialsStored);
				}
			}
			values.previouslyBilled = fromCents(previous);
		}
	},
	guards: {
		patch: { allowed: ['draft', 'rejected'], past: 'edited' },
		delete: { allowed: ['draft'], past: 'deleted' },
	},
	filters: [
		{ param: 'status', kind: 'eq' },
		{ param: 'projectId', kind: 'ref' },
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
	],
	searchFields: ['payAppNumber', 'notes'],
	summaryFilters: [
		{ param: 'dateFrom', kind: 'from', field: 'submittedAt' },
		{ param: 'dateTo', kind: 'to', field: 'submittedAt' },
		{ param: 'projectId', kind: 'ref', positive: true },
	],
	summary(rows) {
		const due = (r: Row) => r.v.currentPaymentDue;
		const with_ = (statuses: string[]) =>
			rows.filter((r) => statuses.includes(r.v.status as string));
		return {
			totals: {
				count: rows.length,
				invoiced_total: fromCents(sumCents(with_(['approved', 'paid']), due)),
				paid_total: fromCents(sumCents(with_(['paid']), due)),
				outstanding_total: fromCents(sumCents(with_(['approved']), due)),
			},
			by_status: [
				...groupRows(rows, (r) => r.v.status, [(r) => r.v.currentBilled], PAY_APP_STATUSES),
			].map(([status, b]) => ({
				status,
				count: b.count,
				current_billed_total: fromCents(b.cents[0]),
			})),
		};
	},
	actions: [
		{
			name: 'submit',
			past: 'submitted',
			scopes: ['pay_apps:write'],
			from: ['draft', 'rejected'],
			to: 'submitted',
			apply: (row, _b, now) => (row.v.submittedAt = now),
			event: 'submitted',
		},
		{
			name: 'approve',
			past: 'approved',
			scopes: ['pay_apps:approve'],
			from: ['submitted'],
			to: 'approved',
			apply: (row, _b, now) => (row.v.approvedAt = now),
			event: 'approved',
		},
		{
			name: 'reject',
			past: 'rejected',
			scopes: ['pay_apps:approve'],
			from: ['submitted'],
			to: 'rejected',
			body: [{ name: 'reason', type: 'string', minLength: 1, maxLength: 2000, required: true }],
			apply: (row, body, now) =>
				Object.assign(row.v, { rejectedAt: now, rejectionReason: body.reason }),
			event: 'rejected',
		},
		{
			name: 'mark-paid',
			past: 'marked paid',
			scopes: ['pay_apps:mark_paid'],
			from: ['approved'],
			to: 'paid',
			apply: (row, _b, now) => (row.v.paidAt = now),
			event: 'paid',
		},
	],
	// Voiding happens in the web app (no API operation; voidedAt, voidedBy and voidReason are
	// stored but not answered, as the PayApp schema has no such fields). Drafts are deleted
	// instead, paid ones stay; a voided pay app is final.
	appActions: [
		{
			name: 'void',
			past: 'voided',
			from: ['submitted', 'approved', 'rejected'],
			to: 'voided',
			body: [{ name: 'reason', type: 'string', nullable: true, maxLength: 2000 }],
			apply: (row, body, now) =>
				Object.assign(row.v, { voidedAt: now, voidReason: body.reason ?? null, voidedBy: null }),
			event: 'voided',
		},
	],
	seedInput(i, random, store, tenantId) {
		const status = pick(random, PAY_APP_STATUSES);
		const start = Date.UTC(2024, 0, 1) + (i % 24) * 30 * 86_400_000;
		return {
			projectId: seedProjectId(store, tenantId, random),
			status,
			periodStart: new Date(start).toISOString(),
			periodEnd: new Date(start + 29 * 86_400_000).toISOString(),
			contractSum: '1000000.00',
			changeOrdersTotal: seedAmount(random, 0, 50_000),
			currentBilled: seedAmount(random, 5_000, 120_000),
			retainagePercent: '10',
			submittedAt: status === 'draft' ? null : new Date(start + 30 * 86_400_000).toISOString(),
		};
	},
};
