/**
 * Site logs (daily field reports of a project). Cursor list with filters projectId, dateFrom /
 * dateTo, tag, reviewed ("true"/"false") and search; create, get, update, soft delete.
 *
 * Where the docs leave a choice open, the sandbox decides:
 * - dateFrom/dateTo bound the log date (`logDate`), like the time-entries summary bounds the work
 *   date; the list's parameters carry no description.
 * - `tag` matches a log whose tags include it exactly; `search` looks in title, notes, work
 *   performed and issues.
 * - `createdBy`, `reviewedBy` and `reviewedAt` are accepted but not answered: the SiteLog schema
 *   does not list them. Null entries of `tags` are dropped (the answer's items are strings).
 */
import { badRequest, validationFailed, type FieldError } from '../problems';
import { date, int, pick, requireRefs, str } from './common';
import { seedProjectId } from './changeOrders';
import type { FieldSpec } from './fields';
import type { FamilyDef, FamilyStore, FilterSpec, Row } from './types';

/** A JSON number field (coordinates): stored as sent, checked by `checkNumbers`. */
export const num = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	type: 'json',
	nullable: true,
	...extra,
});

/** 422 unless each named field that is set is a finite number within its bounds (null passes). */
export function checkNumbers(
	values: Record<string, unknown>,
	bounds: Record<string, [number, number]>,
	errors: FieldError[] = [],
): FieldError[] {
	for (const [field, [min, max]] of Object.entries(bounds)) {
		const value = values[field];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'number' || !Number.isFinite(value))
			errors.push({ field, code: 'invalid_type', message: `${field} must be a number.` });
		else if (value < min)
			errors.push({ field, code: 'too_small', message: `${field} must be at least ${min}.` });
		else if (value > max)
			errors.push({ field, code: 'too_large', message: `${field} must be at most ${max}.` });
	}
	return errors;
}

export const COORDINATES: Record<string, [number, number]> = { lat: [-90, 90], lng: [-180, 180] };

/** A boolean field filtered by the query values "true" / "false" (openapi's string enum); anything else is a 400. */
export function booleanFilter(param: string, field: string): FilterSpec {
	return {
		param,
		kind: 'custom',
		predicate: (raw) => {
			if (raw !== 'true' && raw !== 'false')
				throw badRequest(`${param} must be "true" or "false", got "${raw.slice(0, 64)}".`);
			const wanted = raw === 'true';
			return (row: Row) => row.v[field] === wanted;
		},
	};
}

/** The first users of the tenant, for seeded records. */
export function seedUserId(store: FamilyStore, tenantId: number, random: () => number): number {
	const ids = store.table('users', tenantId).ids;
	return ids[Math.floor(random() * Math.min(ids.length, 3))];
}

function checkTags(values: Record<string, unknown>, errors: FieldError[]): void {
	if (values.tags === undefined) return;
	if (!Array.isArray(values.tags)) {
		errors.push({
			field: 'tags',
			code: 'invalid_type',
			message: 'tags must be an array of strings.',
		});
		return;
	}
	const bad = values.tags.findIndex((t) => t !== null && typeof t !== 'string');
	if (bad >= 0)
		errors.push({
			field: `tags[${bad}]`,
			code: 'invalid_type',
			message: `tags[${bad}] must be a string.`,
		});
	else values.tags = values.tags.filter((t): t is string => typeof t === 'string');
}

const SEED_WORK = [
	'Poured footings along grid A',
	'Framed second-floor partitions',
	'Set rooftop units',
	'Hung drywall in corridor',
	'Installed storefront glazing',
];
const SEED_TAGS = ['safety', 'weather', 'inspection', 'delivery', 'delay'];

export const siteLogs: FamilyDef = {
	name: 'site-logs',
	nouns: { singular: 'Site log', plural: 'site logs' },
	scopes: { read: 'site_logs:read', write: 'site_logs:write', delete: 'site_logs:delete' },
	ops: ['list', 'create', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'projectId', type: 'integer', required: true, min: -2147483648, max: 2147483647 },
		{ name: 'logDate', type: 'datetime', required: true },
		str('title'),
		// The create body requires a string; answers allow null.
		{ name: 'notes', type: 'string', required: true },
		int('personnelCount'),
		str('workPerformed'),
		str('materialsReceived'),
		str('visitorsOnSite'),
		str('issues'),
		{ name: 'tags', type: 'json', default: () => [] },
		num('lat'),
		num('lng'),
		{ name: 'isReviewed', type: 'boolean', default: false },
		int('reviewedBy', { hidden: true }),
		date('reviewedAt', { hidden: true }),
		{
			name: 'createdBy',
			type: 'integer',
			required: true,
			input: 'create',
			min: -2147483648,
			max: 2147483647,
			hidden: true,
		},
	],
	prepare(store, tenantId, values) {
		const errors = checkNumbers(values, COORDINATES);
		checkTags(values, errors);
		if (errors.length) throw validationFailed(errors);
		requireRefs(store, tenantId, values, { projectId: 'projects', createdBy: 'users' });
	},
	filters: [
		{ param: 'projectId', kind: 'ref' },
		{ param: 'dateFrom', kind: 'from', field: 'logDate' },
		{ param: 'dateTo', kind: 'to', field: 'logDate' },
		{
			param: 'tag',
			kind: 'custom',
			predicate: (raw) => (row) =>
				Array.isArray(row.v.tags) && (row.v.tags as unknown[]).includes(raw),
		},
		booleanFilter('reviewed', 'isReviewed'),
		{ param: 'search', kind: 'search' },
	],
	searchFields: ['title', 'notes', 'workPerformed', 'issues'],
	seedInput(i, random, store, tenantId) {
		const work = pick(random, SEED_WORK);
		return {
			projectId: seedProjectId(store, tenantId, random),
			logDate: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
			title: `Daily log: ${work.toLowerCase()}`,
			notes: `${work}. Site clean at end of shift.`,
			personnelCount: 2 + Math.floor(random() * 12),
			workPerformed: work,
			materialsReceived: i % 3 === 0 ? 'Rebar and form ties' : null,
			visitorsOnSite: i % 5 === 0 ? 'City inspector' : null,
			issues: i % 7 === 0 ? 'Rain delay in the afternoon' : null,
			tags: [pick(random, SEED_TAGS)],
			lat: 30.2672,
			lng: -97.7431,
			isReviewed: i % 2 === 0,
			createdBy: seedUserId(store, tenantId, random),
		};
	},
};
