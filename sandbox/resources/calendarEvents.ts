/**
 * Calendar events: a read-only view derived from the records that carry dates, for one time
 * window (`start` and `end`, both required, at most 366 days apart). Not paginated: the
 * whole window in one answer, in start order. The API aggregates projects, tasks, phases, leads,
 * bids and activities; the sandbox serves the ones it has: projects (start date → expected end),
 * bid due dates and leads' expected close dates. An event is in the window when it overlaps it.
 */
import { parseDateParam } from '../query';
import { badRequest } from '../problems';
import { ok } from '../answer';
import type { FamilyDef, FamilyStore, ResourceContext, Row } from './types';

export const CALENDAR_EVENT_TYPES = [
	'task',
	'phase',
	'project',
	'lead',
	'activity',
	'bid',
] as const;
const MAX_WINDOW_MS = 366 * 24 * 3_600_000;

interface CalendarEvent {
	id: string;
	type: (typeof CALENDAR_EVENT_TYPES)[number];
	title: string;
	start: string | null;
	end: string | null;
	projectId: number | null;
	assignedTo: number | null;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
const intOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

/** The events a row of each dated family stands for (none when it has no date). */
const SOURCES: Array<{ family: string; event: (row: Row) => CalendarEvent | null }> = [
	{
		family: 'projects',
		event: (r) =>
			!text(r.v.startDate)
				? null
				: {
						id: `project-${r.id}`,
						type: 'project',
						title: String(r.v.name),
						start: text(r.v.startDate),
						end: text(r.v.expectedEndDate) ?? text(r.v.actualEndDate),
						projectId: r.id,
						assignedTo: intOrNull(r.v.assignedTo),
					},
	},
	{
		family: 'bids',
		event: (r) =>
			!text(r.v.dueDate)
				? null
				: {
						id: `bid-${r.id}`,
						type: 'bid',
						title: `Bid due: ${text(r.v.name) ?? String(r.v.bidNumber)}`,
						start: text(r.v.dueDate),
						end: text(r.v.dueDate),
						projectId: intOrNull(r.v.projectId),
						assignedTo: null,
					},
	},
	{
		family: 'leads',
		event: (r) =>
			!text(r.v.expectedCloseDate)
				? null
				: {
						id: `lead-${r.id}`,
						type: 'lead',
						title: `Expected close: ${String(r.v.name)}`,
						start: text(r.v.expectedCloseDate),
						end: text(r.v.expectedCloseDate),
						projectId: null,
						assignedTo: intOrNull(r.v.assignedTo),
					},
	},
];

function idQuery(name: string, raw: string | undefined): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	if (!/^[1-9]\d{0,14}$/.test(raw))
		throw badRequest(`${name} must be a positive integer, got "${raw.slice(0, 64)}".`);
	return Number(raw);
}

function events(store: FamilyStore, ctx: ResourceContext) {
	const q = ctx.query;
	for (const name of ['start', 'end'])
		if (!q[name])
			throw badRequest(`${name} is required: give the calendar window as ISO 8601 date-times.`);
	const from = parseDateParam('start', q.start)!;
	const to = parseDateParam('end', q.end)!;
	if (to < from) throw badRequest('end must not be before start.');
	if (to - from > MAX_WINDOW_MS) throw badRequest('The calendar window may span at most 366 days.');
	const types = q.types
		? q.types
				.split(',')
				.map((t) => t.trim())
				.filter(Boolean)
		: [];
	const unknown = types.filter((t) => !(CALENDAR_EVENT_TYPES as readonly string[]).includes(t));
	if (unknown.length)
		throw badRequest(
			`types must be a comma-separated list of: ${CALENDAR_EVENT_TYPES.join(', ')}; got "${unknown[0].slice(0, 64)}".`,
		);
	const assignedTo = idQuery('assignedTo', q.assignedTo);
	const projectId = idQuery('projectId', q.projectId);
	const out: CalendarEvent[] = [];
	for (const source of SOURCES) {
		if (!store.defs.has(source.family)) continue;
		for (const row of store.table(source.family, ctx.tenantId).live()) {
			const event = source.event(row);
			if (!event) continue;
			if (types.length && !types.includes(event.type)) continue;
			if (assignedTo !== undefined && event.assignedTo !== assignedTo) continue;
			if (projectId !== undefined && event.projectId !== projectId) continue;
			const startMs = Date.parse(event.start!);
			const endMs = event.end ? Date.parse(event.end) : startMs;
			if (startMs <= to && endMs >= from) out.push(event);
		}
	}
	out.sort((a, b) => Date.parse(a.start!) - Date.parse(b.start!) || a.id.localeCompare(b.id));
	return ok(ctx, out);
}

export const calendarEvents: FamilyDef = {
	name: 'calendar-events',
	nouns: { singular: 'Calendar event', plural: 'calendar events' },
	scopes: { read: 'projects:read', write: 'projects:read', delete: 'projects:read' },
	ops: [],
	fields: [],
	extraOps: [{ method: 'GET', path: '/calendar/events', scopes: ['projects:read'], run: events }],
};
