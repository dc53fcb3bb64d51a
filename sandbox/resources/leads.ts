/** Leads and lead stages (the sales pipeline). */
import { ApiError } from '../problems';
import {
	groupRows,
	int,
	dec,
	date,
	str,
	siteFields,
	requireRefs,
	sumCents,
	seedTitle,
	pick,
	seedAmount,
} from './common';
import { ok } from '../answer';
import { fromCents } from './money';
import type { FamilyDef, Row } from './types';

/** Stages every tenant starts with, in pipeline order. */
export const DEFAULT_LEAD_STAGES = [
	{ name: 'New', color: '#64748b', isDefault: true },
	{ name: 'Contacted', color: '#0ea5e9' },
	{ name: 'Qualified', color: '#6366f1' },
	{ name: 'Proposal Sent', color: '#f59e0b' },
	{ name: 'Won', color: '#16a34a', isWon: true },
	{ name: 'Lost', color: '#dc2626', isLost: true },
];

const byOrder = (a: Row, b: Row) => (a.v.order as number) - (b.v.order as number) || a.id - b.id;

export const leadStages: FamilyDef = {
	name: 'lead-stages',
	nouns: { singular: 'Lead stage', plural: 'lead stages' },
	scopes: { read: 'leads:read', write: 'leads:write', delete: 'leads:delete' },
	ops: ['list', 'create', 'patch', 'delete'],
	// Not paginated in openapi.json (no limit/cursor parameters): the whole pipeline in order.
	pagination: 'none',
	sort: byOrder,
	fields: [
		{ name: 'name', type: 'string', required: true, minLength: 1 },
		str('color'),
		{ name: 'order', type: 'integer', min: -2147483648, max: 2147483647 },
		{ name: 'isDefault', type: 'boolean', default: false },
		{ name: 'isWon', type: 'boolean', default: false },
		{ name: 'isLost', type: 'boolean', default: false },
	],
	prepare(store, tenantId, values, row) {
		if (!row && values.order === undefined) {
			let max = 0;
			for (const stage of store.table('lead-stages', tenantId).live())
				max = Math.max(max, stage.v.order as number);
			values.order = max + 1;
		}
	},
	initialRows: () =>
		DEFAULT_LEAD_STAGES.map((s, i) => ({
			isDefault: false,
			isWon: false,
			isLost: false,
			...s,
			order: i + 1,
		})),
	// Deleting a stage that leads still use is allowed (openapi lists no 409); those leads then
	// summarise under stageName null, which the summary schema allows.
};

const LEAD_SOURCES = ['website', 'referral', 'repeat_customer', 'trade_show', 'cold_call', null];

export const leads: FamilyDef = {
	name: 'leads',
	nouns: { singular: 'Lead', plural: 'leads' },
	eventPrefix: 'lead',
	scopes: { read: 'leads:read', write: 'leads:write', delete: 'leads:delete' },
	ops: ['list', 'create', 'count', 'summary', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'name', type: 'string', required: true, minLength: 1 },
		int('contactId'),
		{ name: 'stageId', type: 'integer', required: true },
		int('assignedTo'),
		str('source'),
		str('projectType', { enum: ['residential', 'commercial', 'industrial'] }),
		dec('estimatedValue'),
		{ name: 'probability', type: 'integer', min: 0, max: 100, default: null },
		date('expectedCloseDate'),
		str('description'),
		...siteFields(),
	],
	filters: [
		{ param: 'stageId', kind: 'ref' },
		{ param: 'assignedTo', kind: 'ref' },
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'updatedFrom', kind: 'from', field: 'updatedAt' },
	],
	searchFields: ['name', 'description', 'siteAddress', 'siteCity', 'source'],
	summaryFilters: [
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
		{ param: 'assignedTo', kind: 'ref', positive: true },
		{ param: 'stageId', kind: 'ref', positive: true },
	],
	summary(rows, store, tenantId) {
		const stages = [...store.table('lead-stages', tenantId).live()].sort(byOrder);
		const names = new Map(stages.map((s) => [s.id, s.v.name as string]));
		const value = (r: Row) => r.v.estimatedValue;
		const byStage = groupRows(
			rows,
			(r) => r.v.stageId,
			[value],
			stages.map((s) => s.id),
		);
		const bySource = groupRows(rows, (r) => r.v.source ?? null, [value]);
		return {
			totals: { count: rows.length, estimated_value_total: fromCents(sumCents(rows, value)) },
			by_stage: [...byStage].map(([stageId, b]) => ({
				stageId: stageId as number,
				stageName: names.get(stageId as number) ?? null,
				count: b.count,
				estimated_value_total: fromCents(b.cents[0]),
			})),
			by_source: [...bySource].map(([source, b]) => ({
				source,
				count: b.count,
				estimated_value_total: fromCents(b.cents[0]),
			})),
		};
	},
	prepare(store, tenantId, values) {
		requireRefs(store, tenantId, values, { stageId: 'lead-stages' });
	},
	extraOps: [
		{
			method: 'POST',
			path: '/leads/{id}/convert',
			scopes: ['leads:write', 'projects:write'],
			// "Promotes a lead to a project. Rejects with 409 if the lead is already in the Won stage."
			// The answer's data is untyped in openapi.json: the sandbox answers {project, lead}. The
			// lead moves to the tenant's first Won stage (when one exists) and remembers its project.
			run(store, ctx) {
				const def = store.def('leads');
				const lead = store.find(def, ctx.tenantId, ctx.id);
				const stages = store.table('lead-stages', ctx.tenantId);
				const stage = stages.getLive(lead.v.stageId as number);
				if (stage?.v.isWon || lead.x.projectId) {
					const where = stage?.v.isWon
						? `already in the Won stage (${stage.v.name})`
						: `already converted to project ${lead.x.projectId}`;
					throw new ApiError(
						409,
						'conflict',
						`Lead ${lead.id} is ${where}; only open leads can be converted.`,
					);
				}
				const v = lead.v;
				const project = store.insertNew(ctx, store.def('projects'), ctx.tenantId, {
					name: v.name,
					contactId: v.contactId,
					projectType: v.projectType,
					contractValue: v.estimatedValue,
					originalContractValue: v.estimatedValue,
					description: v.description,
					siteAddress: v.siteAddress,
					siteCity: v.siteCity,
					siteState: v.siteState,
					siteZipCode: v.siteZipCode,
					assignedTo: v.assignedTo,
				});
				const won = [...stages.live()].sort(byOrder).find((s) => s.v.isWon);
				const leadData = store.mutate(ctx, def, lead, () => {
					lead.x.projectId = project.id;
					if (won) lead.v.stageId = won.id;
				});
				return ok(
					ctx,
					{ project: store.present(store.def('projects'), project), lead: leadData },
					201,
				);
			},
		},
	],
	seedInput(i, random, store, tenantId) {
		const stages = store.table('lead-stages', tenantId).ids;
		return {
			name: seedTitle(random),
			stageId: stages[Math.floor(random() * stages.length)],
			source: pick(random, LEAD_SOURCES),
			projectType: pick(random, ['residential', 'commercial', 'industrial', null]),
			estimatedValue: random() < 0.9 ? seedAmount(random, 5_000, 750_000) : null,
			probability: Math.floor(random() * 11) * 10,
			description: i % 5 === 0 ? 'Walkthrough scheduled; owner wants pricing by month end.' : null,
		};
	},
};
