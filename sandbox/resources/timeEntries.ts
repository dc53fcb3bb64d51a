/**
 * Time entries (hours a user worked on a project). Cursor list with filters projectId, userId,
 * dateFrom / dateTo and isReviewed ("true"/"false"); create, update, soft delete and a summary.
 * There is no GET by id in v1.
 *
 * Where the docs leave a choice open, the sandbox decides:
 * - dateFrom/dateTo bound the work date (`date`) in the list as well as in the summary, where
 *   openapi.json says so.
 * - The request's `notes` is answered as `description` (the TimeEntry schema has no `notes`).
 *   `entryType`, the clock-in/out fields, `reviewedBy` and `reviewedAt` are accepted but not
 *   answered (the schema does not list them).
 * - `date` may be sent as null (the schemas allow it) and then means today; answers always carry a date.
 * - `hours` is answered as a decimal string with two places ("7.50"). An entry has no hourly rate
 *   unless it was seeded with one; `totalCost` is hours × rate, or null without a rate.
 * - openapi.json lists a 409 for PATCH without saying when; the sandbox never answers it.
 */
import { validationFailed } from '../problems';
import { date, dec, groupRows, int, pick, requireRefs, str } from './common';
import { seedProjectId } from './changeOrders';
import { fromCents, toCents } from './money';
import { booleanFilter, checkNumbers, COORDINATES, num, seedUserId } from './siteLogs';
import type { FamilyDef, Row } from './types';

const NUMBER_BOUNDS: Record<string, [number, number]> = {
	...COORDINATES,
	clockInAccuracyM: [0, 100_000],
	clockOutLat: [-90, 90],
	clockOutLng: [-180, 180],
	clockOutAccuracyM: [0, 100_000],
};

const todayIso = () => `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;

const hoursOf = (r: Row) => r.v.hours;
const costOf = (r: Row) => r.v.totalCost;

export const timeEntries: FamilyDef = {
	name: 'time-entries',
	nouns: { singular: 'Time entry', plural: 'time entries' },
	scopes: { read: 'time_entries:read', write: 'time_entries:write', delete: 'time_entries:delete' },
	ops: ['list', 'create', 'summary', 'patch', 'delete'],
	fields: [
		{ name: 'projectId', type: 'integer', required: true, min: -2147483648, max: 2147483647 },
		{ name: 'userId', type: 'integer', required: true, min: -2147483648, max: 2147483647 },
		int('taskId'),
		int('phaseId'),
		{ name: 'date', type: 'datetime', nullable: true, required: true },
		{ name: 'hours', type: 'decimal', required: true, min: 0.25, max: 24 },
		dec('hourlyRate', { input: 'none' }),
		dec('totalCost', { input: 'none' }),
		str('description', { input: 'none' }),
		num('lat'),
		num('lng'),
		{ name: 'isReviewed', type: 'boolean', default: false },
		str('notes', { hidden: true }),
		{ name: 'entryType', type: 'string', maxLength: 20, hidden: true },
		date('clockIn', { hidden: true }),
		date('clockOut', { hidden: true }),
		num('clockInAccuracyM', { hidden: true }),
		num('clockOutLat', { hidden: true }),
		num('clockOutLng', { hidden: true }),
		num('clockOutAccuracyM', { hidden: true }),
		int('reviewedBy', { hidden: true }),
		date('reviewedAt', { hidden: true }),
	],
	prepare(store, tenantId, values) {
		const errors = checkNumbers(values, NUMBER_BOUNDS);
		if (errors.length) throw validationFailed(errors);
		if (values.date === null) values.date = todayIso();
		requireRefs(store, tenantId, values, { projectId: 'projects', userId: 'users' });
	},
	recompute(row) {
		row.v.hours = fromCents(toCents(row.v.hours));
		const rate = row.v.hourlyRate;
		row.v.totalCost =
			rate === null || rate === undefined
				? null
				: fromCents(Math.round(toCents(rate) * Number(row.v.hours)));
		row.v.description = row.v.notes ?? null;
	},
	filters: [
		{ param: 'projectId', kind: 'ref' },
		{ param: 'userId', kind: 'ref' },
		{ param: 'dateFrom', kind: 'from', field: 'date' },
		{ param: 'dateTo', kind: 'to', field: 'date' },
		booleanFilter('isReviewed', 'isReviewed'),
	],
	summaryFilters: [
		{ param: 'dateFrom', kind: 'from', field: 'date' },
		{ param: 'dateTo', kind: 'to', field: 'date' },
		{ param: 'userId', kind: 'ref' },
		{ param: 'projectId', kind: 'ref' },
	],
	summary(rows, store, tenantId) {
		const users = store.table('users', tenantId);
		const projects = store.table('projects', tenantId);
		return {
			totals: {
				entry_count: rows.length,
				hours_total: fromCents(rows.reduce((sum, r) => sum + toCents(hoursOf(r)), 0)),
				cost_total: fromCents(rows.reduce((sum, r) => sum + toCents(costOf(r)), 0)),
			},
			by_user: [...groupRows(rows, (r) => r.v.userId, [hoursOf, costOf])].map(([userId, b]) => {
				const user = users.byId.get(userId as number);
				return {
					userId,
					firstName: user?.v.firstName ?? null,
					lastName: user?.v.lastName ?? null,
					hours_total: fromCents(b.cents[0]),
					cost_total: fromCents(b.cents[1]),
				};
			}),
			by_project: [...groupRows(rows, (r) => r.v.projectId, [hoursOf, costOf])].map(
				([projectId, b]) => ({
					projectId,
					projectName:
						(projects.byId.get(projectId as number)?.v.name as string | undefined) ?? null,
					hours_total: fromCents(b.cents[0]),
					cost_total: fromCents(b.cents[1]),
				}),
			),
		};
	},
	seedInput(i, random, store, tenantId) {
		return {
			projectId: seedProjectId(store, tenantId, random),
			userId: seedUserId(store, tenantId, random),
			date: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 86_400_000).toISOString(),
			hours: pick(random, ['8', '7.5', '6', '4', '9.25']),
			hourlyRate: pick(random, ['45.00', '62.50', '80.00']),
			notes: pick(random, ['Framing', 'Punch list', 'Concrete prep', 'Site cleanup', null]),
			entryType: 'regular',
			isReviewed: i % 2 === 0,
		};
	},
};
