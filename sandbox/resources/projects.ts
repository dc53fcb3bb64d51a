/** Projects (jobs under contract). */
import {
	dec,
	date,
	groupRows,
	int,
	numbered,
	seedAmount,
	seedTitle,
	siteFields,
	str,
	sumCents,
	pick,
} from './common';
import { fromCents } from './money';
import type { FamilyDef, Row } from './types';

export const PROJECT_STATUSES = [
	'planning',
	'in_progress',
	'on_hold',
	'closeout',
	'completed',
	'cancelled',
] as const;
const CLOSED = new Set(['completed', 'cancelled']);

export const projects: FamilyDef = {
	name: 'projects',
	nouns: { singular: 'Project', plural: 'projects' },
	eventPrefix: 'project',
	scopes: { read: 'projects:read', write: 'projects:write', delete: 'projects:delete' },
	ops: ['list', 'create', 'count', 'summary', 'getMany', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'name', type: 'string', required: true, minLength: 1 },
		{ name: 'projectNumber', type: 'string', default: numbered('PRJ') },
		int('contactId'),
		int('bidId', { input: 'none' }),
		str('projectType'),
		{ name: 'status', type: 'string', enum: PROJECT_STATUSES, default: 'planning' },
		str('priority'),
		date('startDate'),
		date('expectedEndDate'),
		date('actualEndDate'),
		dec('contractValue'),
		dec('originalContractValue'),
		str('description'),
		...siteFields(),
		int('assignedTo'),
	],
	filters: [
		{ param: 'status', kind: 'eq' },
		{ param: 'contactId', kind: 'ref' },
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'updatedFrom', kind: 'from', field: 'updatedAt' },
	],
	searchFields: ['name', 'projectNumber', 'description', 'siteAddress', 'siteCity'],
	summaryFilters: [
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'contactId', kind: 'ref', positive: true },
		{ param: 'assignedTo', kind: 'ref', positive: true },
	],
	summary(rows, store, tenantId) {
		const value = (r: Row) => r.v.contractValue;
		const ids = new Set(rows.map((r) => r.id));
		let coDelta = 0;
		for (const co of store.table('change-orders', tenantId).live()) {
			if (co.v.status === 'approved' && ids.has(co.v.projectId as number))
				coDelta += sumCents([co], (r) => r.v.totalAmount);
		}
		const now = Date.now();
		const overdue = rows.filter(
			(r) =>
				!CLOSED.has(r.v.status as string) &&
				r.v.expectedEndDate &&
				Date.parse(r.v.expectedEndDate as string) < now,
		).length;
		return {
			totals: {
				count: rows.length,
				contract_value_total: fromCents(sumCents(rows, value)),
				approved_co_delta_total: fromCents(coDelta),
				overdue_count: overdue,
			},
			by_status: [...groupRows(rows, (r) => r.v.status, [value], PROJECT_STATUSES)].map(
				([status, b]) => ({ status, count: b.count, contract_value_total: fromCents(b.cents[0]) }),
			),
			by_type: [...groupRows(rows, (r) => r.v.projectType ?? null, [value])].map(([type, b]) => ({
				project_type: type,
				count: b.count,
				contract_value_total: fromCents(b.cents[0]),
			})),
		};
	},
	patchEvents: (previous) => ('status' in previous ? ['status_changed'] : []),
	seedInput(i, random) {
		const value = seedAmount(random, 20_000, 2_500_000);
		const start = Date.UTC(2024, 0, 1) + Math.floor(random() * 600) * 86_400_000;
		return {
			name: seedTitle(random),
			status: pick(random, PROJECT_STATUSES),
			projectType: pick(random, ['residential', 'commercial', 'industrial', null]),
			priority: pick(random, ['low', 'normal', 'high', null]),
			contractValue: value,
			originalContractValue: value,
			startDate: new Date(start).toISOString(),
			expectedEndDate: new Date(
				start + (60 + Math.floor(random() * 300)) * 86_400_000,
			).toISOString(),
			description: i % 4 === 0 ? 'Prevailing wage; weekly OAC meetings on Tuesdays.' : null,
		};
	},
};
