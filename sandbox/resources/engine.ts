/**
 * The generic resource engine: one id-sorted table per (family, tenant), served by generic
 * handlers (list with keyset cursors or page/pageSize, count, summary, get, get-many, create,
 * patch, soft delete) and lifecycle actions, all driven by a family definition (see types.ts).
 */
import { badRequest, notFound } from '../problems';
import { filterFingerprint, type CursorCodec } from '../cursor';
import { firstIndexAfter, pageOf } from '../keyset';
import { parseDateParam, parseGetManyIds } from '../query';
import { EVENT_TYPES } from '../webhooks';
import { validateActionBody, validateFields, type DefaultInit } from './fields';
import { checkTransition, transitionConflict, type EditGuard } from './lifecycle';
import { ok, type Answer } from '../answer';
import type {
	FamilyDef,
	FamilyStore,
	FilterSpec,
	ResourceContext,
	ResourceOperation,
	Row,
	RowTable,
} from './types';

const isoOf = (ms: number) => new Date(ms).toISOString();

/** One tenant's rows of one family. `ids` holds the live ids in ascending order. */
export class Table implements RowTable {
	readonly ids: number[] = [];
	readonly byId = new Map<number, Row>();

	insert(row: Row): void {
		// Ids come from one increasing sequence per family, so appending keeps `ids` sorted.
		this.ids.push(row.id);
		this.byId.set(row.id, row);
	}

	getLive(id: number): Row | undefined {
		const row = this.byId.get(id);
		return row && row.deletedAt === null ? row : undefined;
	}

	softDelete(row: Row, at: string): void {
		row.deletedAt = at;
		const index = firstIndexAfter(this.ids, row.id - 1);
		if (this.ids[index] === row.id) this.ids.splice(index, 1);
	}

	*live(): IterableIterator<Row> {
		for (const id of this.ids) yield this.byId.get(id)!;
	}

	get liveCount(): number {
		return this.ids.length;
	}
}

export type EmitFn = (
	tenantId: number,
	type: string,
	data: unknown,
	previousAttributes?: Record<string, unknown>,
) => void;

/** Compact rows keep the fields the response schema requires; full rows every non-hidden field. */
interface Projection {
	full: string[];
	compact: string[];
}

/** State of every resource family, plus the helpers their handlers share. */
export class ResourceStore implements FamilyStore {
	private tables = new Map<string, Table>();
	private sequences = new Map<string, number>();
	private projections = new Map<string, Projection>();
	readonly defs = new Map<string, FamilyDef>();

	constructor(
		defs: readonly FamilyDef[],
		readonly cursors: CursorCodec,
		private readonly emitEvent: EmitFn,
	) {
		for (const def of defs) {
			this.defs.set(def.name, def);
			const visible = def.fields.filter((f) => !f.hidden);
			this.projections.set(def.name, {
				full: ['id', ...visible.map((f) => f.name), 'createdAt', 'updatedAt'],
				compact: [
					'id',
					...visible.filter((f) => !f.optional).map((f) => f.name),
					'createdAt',
					'updatedAt',
				],
			});
		}
	}

	def(name: string): FamilyDef {
		const def = this.defs.get(name);
		if (!def) throw new Error(`Unknown resource family ${name}`);
		return def;
	}

	table(family: string, tenantId: number): Table {
		const key = `${family}\u0000${tenantId}`;
		let table = this.tables.get(key);
		if (!table) {
			this.tables.set(key, (table = new Table()));
			const def = this.def(family);
			const now = Date.now();
			for (const values of def.initialRows?.(tenantId) ?? [])
				table.insert(this.newRow(def, tenantId, values, now));
		}
		return table;
	}

	tenantIds(family: string): number[] {
		const prefix = `${family}\u0000`;
		return [...this.tables.keys()]
			.filter((key) => key.startsWith(prefix))
			.map((key) => Number(key.slice(prefix.length)));
	}

	nextId(family: string): number {
		const id = (this.sequences.get(family) ?? 0) + 1;
		this.sequences.set(family, id);
		return id;
	}

	reset(): void {
		this.tables.clear();
		this.sequences.clear();
	}

	/** A new row with defaults filled in; not yet inserted. */
	newRow(def: FamilyDef, tenantId: number, values: Record<string, unknown>, nowMs: number): Row {
		const id = this.nextId(def.name);
		const nowIso = isoOf(nowMs);
		const v: Record<string, unknown> = {};
		const init: DefaultInit = { id, tenantId, nowIso, values };
		for (const spec of def.fields) {
			if (values[spec.name] !== undefined) v[spec.name] = values[spec.name];
			else if (spec.default !== undefined)
				v[spec.name] =
					typeof spec.default === 'function'
						? (spec.default as (i: DefaultInit) => unknown)(init)
						: spec.default;
			else v[spec.name] = spec.nullable ? null : undefined;
		}
		v.createdAt = nowIso;
		v.updatedAt = nowIso;
		const row: Row = {
			id,
			tenantId,
			v,
			createdMs: nowMs,
			updatedMs: nowMs,
			deletedAt: null,
			search: '',
			x: {},
		};
		def.recompute?.(row, this);
		row.search = searchText(def, row);
		return row;
	}

	/** Creates, stores and announces a row (used by POST, duplicate, conversions). */
	insertNew(
		ctx: ResourceContext | null,
		def: FamilyDef,
		tenantId: number,
		values: Record<string, unknown>,
		nowMs = Date.now(),
	): Row {
		const row = this.newRow(def, tenantId, values, nowMs);
		this.table(def.name, tenantId).insert(row);
		if (ctx) this.emit(ctx, def, 'created', this.present(def, row));
		return row;
	}

	/** The record as answered; `extras` adds a family's nested data (an invoice's lineItems), left out of lists. */
	present(def: FamilyDef, row: Row, compact = false, extras = true): Record<string, unknown> {
		const keys = this.projections.get(def.name)![compact ? 'compact' : 'full'];
		const out: Record<string, unknown> = { id: row.id };
		for (let i = 1; i < keys.length; i++) out[keys[i]] = row.v[keys[i]];
		return extras && def.decorate ? def.decorate(out, row, this) : out;
	}

	/** Live row of the family in the tenant, or 404. */
	find(def: FamilyDef, tenantId: number, id: number): Row {
		const row = this.table(def.name, tenantId).getLive(id);
		if (!row) throw notFound(`${def.nouns.singular} ${id} not found.`);
		return row;
	}

	/** Marks a row changed: strictly increasing updatedAt, fresh derived fields and search text. */
	touch(def: FamilyDef, row: Row): void {
		def.recompute?.(row, this);
		const ms = Math.max(Date.now(), row.updatedMs + 1);
		row.updatedMs = ms;
		row.v.updatedAt = isoOf(ms);
		row.search = searchText(def, row);
	}

	/**
	 * Queues a webhook event for after the answer is committed (so idempotent replays, which
	 * never reach a handler, emit nothing). `kind` is a suffix ('created') or a full type.
	 */
	emit(
		ctx: ResourceContext,
		def: FamilyDef,
		kind: string,
		data: unknown,
		previous?: Record<string, unknown>,
	): void {
		if (!def.eventPrefix) return;
		const type = kind.includes('.') ? kind : `${def.eventPrefix}.${kind}`;
		if (!(EVENT_TYPES as readonly string[]).includes(type)) return;
		ctx.afterCommit.push(() => this.emitEvent(ctx.tenantId, type, data, previous));
	}

	/** Applies a change to a row and announces it with previous_attributes. */
	mutate(
		ctx: ResourceContext,
		def: FamilyDef,
		row: Row,
		change: () => void,
		event: string | null = 'updated',
	): Record<string, unknown> {
		const before = this.present(def, row);
		change();
		this.touch(def, row);
		const after = this.present(def, row);
		const previous = diff(before, after);
		if (event && (Object.keys(previous).length || event !== 'updated')) {
			this.emit(ctx, def, event, after, previous);
			if (event === 'updated')
				for (const extra of def.patchEvents?.(previous) ?? [])
					this.emit(ctx, def, extra, after, previous);
		}
		return after;
	}

	guard(def: FamilyDef, row: Row, guard: EditGuard | undefined): void {
		const status = row.v.status as string;
		if (guard && !guard.allowed.includes(status))
			throw transitionConflict(def.nouns, row.id, status, guard.allowed, guard.past);
	}

	seed(family: string, count: number, tenantId: number): number {
		const def = this.def(family);
		if (!def.seedInput) throw new Error(`The family ${family} cannot be seeded.`);
		const table = this.table(family, tenantId);
		const random = prng(table.liveCount + 1);
		const now = Date.now();
		const step = 60_000;
		for (let i = 0; i < count; i++) {
			const values = def.seedInput(i, random, this, tenantId);
			const row = this.newRow(def, tenantId, values, now - (count - i) * step);
			def.afterSeed?.(row, random, this);
			table.insert(row);
		}
		return table.liveCount;
	}
}

/** Changed keys of two presentations, with their old values (updatedAt excluded). */
export function diff(
	before: Record<string, unknown>,
	after: Record<string, unknown>,
): Record<string, unknown> {
	const previous: Record<string, unknown> = {};
	for (const key of Object.keys(after)) {
		if (key === 'updatedAt') continue;
		const a = before[key];
		const b = after[key];
		if (a !== b && JSON.stringify(a) !== JSON.stringify(b))
			previous[key] = a === undefined ? null : a;
	}
	return previous;
}

function searchText(def: FamilyDef, row: Row): string {
	if (!def.searchFields) return '';
	return def.searchFields
		.map((f) => row.v[f])
		.filter((s) => typeof s === 'string' && s)
		.join('\n')
		.toLowerCase();
}

/** mulberry32: deterministic seeded data. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// ---- query parameters ----------------------------------------------------------------------

function intParam(name: string, value: string, positive: boolean): number {
	if (!/^-?\d{1,15}$/.test(value) || (positive && Number(value) < 1)) {
		throw badRequest(
			`${name} must be ${positive ? 'a positive integer' : 'an integer'}, got "${value.slice(0, 64)}".`,
		);
	}
	return Number(value);
}

function boundedInt(
	name: string,
	value: string | undefined,
	fallback: number,
	min: number,
	max: number,
): number {
	if (value === undefined || value === '') return fallback;
	if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
		throw badRequest(
			`${name} must be an integer between ${min} and ${max}${max === Number.MAX_SAFE_INTEGER ? '' : ''}.`,
		);
	}
	return Number(value);
}

const fieldMs = (row: Row, field: string): number | undefined => {
	if (field === 'createdAt') return row.createdMs;
	if (field === 'updatedAt') return row.updatedMs;
	const v = row.v[field] ?? row.x[field];
	if (typeof v !== 'string') return undefined;
	const ms = Date.parse(v);
	return Number.isNaN(ms) ? undefined : ms;
};

/** Builds the row predicate for the declared filters present in the query, and its fingerprint. */
export function buildMatcher(
	filters: readonly FilterSpec[] | undefined,
	query: Record<string, string>,
): { match: ((row: Row) => boolean) | null; fingerprint: string } {
	const preds: Array<(row: Row) => boolean> = [];
	const used: Record<string, string> = {};
	for (const f of filters ?? []) {
		const raw = query[f.param];
		if (raw === undefined || raw === '') continue;
		used[f.param] = raw;
		const field = f.field ?? f.param;
		switch (f.kind) {
			case 'ref': {
				if (raw === 'null' && !f.positive) {
					preds.push((r) => r.v[field] === null);
				} else {
					const n = intParam(f.param, raw, !!f.positive);
					preds.push((r) => r.v[field] === n);
				}
				break;
			}
			case 'eq':
				preds.push((r) => r.v[field] === raw);
				break;
			case 'csv': {
				const set = new Set(
					raw
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean),
				);
				preds.push((r) => set.has(r.v[field] as string));
				break;
			}
			case 'search': {
				const needle = raw.trim().toLowerCase();
				if (needle) preds.push((r) => r.search.includes(needle));
				break;
			}
			case 'from': {
				const ms = parseDateParam(f.param, raw)!;
				preds.push((r) => (fieldMs(r, field) ?? -Infinity) >= ms);
				break;
			}
			case 'to': {
				const ms = parseDateParam(f.param, raw)!;
				preds.push((r) => (fieldMs(r, field) ?? Infinity) <= ms);
				break;
			}
			case 'custom':
				preds.push(f.predicate!(raw));
				break;
		}
	}
	const fingerprint = filterFingerprint(used);
	if (!preds.length) return { match: null, fingerprint };
	if (preds.length === 1) return { match: preds[0], fingerprint };
	return { match: (row) => preds.every((p) => p(row)), fingerprint };
}

const truthy = (v: string | undefined) => v === 'true' || v === '1';

// ---- generic handlers ------------------------------------------------------------------------

function list(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const table = store.table(def.name, ctx.tenantId);
	const { match, fingerprint } = buildMatcher(def.filters, ctx.query);
	const compact = truthy(ctx.query.compact);
	const present = (row: Row) => store.present(def, row, compact, false);
	if (def.pagination === 'none') {
		let rows = [...table.live()].filter((r) => !match || match(r));
		if (def.sort) rows = rows.sort(def.sort);
		return ok(ctx, rows.map(present));
	}
	if (def.pagination === 'page') {
		const page = boundedInt('page', ctx.query.page, 1, 1, 1_000_000_000);
		const pageSize = boundedInt('pageSize', ctx.query.pageSize, 25, 1, 200);
		// Newest first, as the tenant UI's invoice table shows them: a plain offset list, so a
		// record created while a client pages through shifts every later page by one.
		const offset = (page - 1) * pageSize;
		const items: Row[] = [];
		let total = 0;
		if (!match) {
			total = table.ids.length;
			for (let i = total - 1 - offset; i >= 0 && items.length < pageSize; i--)
				items.push(table.byId.get(table.ids[i])!);
		} else {
			// One pass from the newest row: count every match, keep the ones in the page window.
			for (let i = table.ids.length - 1; i >= 0; i--) {
				const row = table.byId.get(table.ids[i])!;
				if (!match(row)) continue;
				if (total >= offset && items.length < pageSize) items.push(row);
				total++;
			}
		}
		return ok(ctx, items.map(present), 200, {
			// page/pageSize/total is the documented shape; the response's meta also refs the generic
			// ResponseMeta, whose pagination requires cursor/has_more/count, so those come too.
			pagination: {
				page,
				pageSize,
				total,
				cursor: null,
				has_more: offset + items.length < total,
				count: items.length,
			},
		});
	}
	const limit = boundedInt('limit', ctx.query.limit, 25, 1, 100);
	const after = ctx.query.cursor
		? store.cursors.decode(ctx.query.cursor, ctx.tenantId, def.name, fingerprint)
		: undefined;
	const result = pageOf(table.ids, (id) => table.byId.get(id), match ?? (() => true), after, limit);
	const last = result.items[result.items.length - 1];
	return ok(ctx, result.items.map(present), 200, {
		pagination: {
			cursor:
				result.hasMore && last
					? store.cursors.encode(ctx.tenantId, def.name, fingerprint, last.id)
					: null,
			has_more: result.hasMore,
			count: result.items.length,
		},
	});
}

function count(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const table = store.table(def.name, ctx.tenantId);
	const { match } = buildMatcher(def.filters, ctx.query);
	let total = 0;
	if (!match) total = table.liveCount;
	else for (const row of table.live()) if (match(row)) total++;
	return ok(ctx, { total });
}

function summary(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const { match } = buildMatcher(def.summaryFilters, ctx.query);
	const rows = [...store.table(def.name, ctx.tenantId).live()].filter((r) => !match || match(r));
	return ok(ctx, def.summary!(rows, store, ctx.tenantId));
}

function getMany(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const unique = parseGetManyIds(ctx.body);
	const table = store.table(def.name, ctx.tenantId);
	const found = unique.map((id) => table.getLive(id)).filter((r): r is Row => !!r);
	return ok(
		ctx,
		found.map((r) => store.present(def, r, false, false)),
		200,
		{ requested: unique.length, returned: found.length },
	);
}

function create(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const values = def.parseCreate
		? def.parseCreate(ctx.body, store, ctx)
		: validateFields(def.fields, ctx.body, 'create');
	def.prepare?.(store, ctx.tenantId, values);
	const row = store.insertNew(ctx, def, ctx.tenantId, values);
	def.afterCreate?.(row, values, store, ctx);
	return ok(ctx, store.present(def, row), 201);
}

function patch(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const row = store.find(def, ctx.tenantId, ctx.id);
	const values = validateFields(def.updateFields ?? def.fields, ctx.body, 'update');
	store.guard(def, row, def.guards?.patch);
	def.prepare?.(store, ctx.tenantId, values, row);
	const data = store.mutate(ctx, def, row, () => Object.assign(row.v, values));
	return ok(ctx, data);
}

function remove(def: FamilyDef, store: FamilyStore, ctx: ResourceContext): Answer {
	const row = store.find(def, ctx.tenantId, ctx.id);
	store.guard(def, row, def.guards?.delete);
	def.beforeDelete?.(row, store, ctx);
	store.table(def.name, ctx.tenantId).softDelete(row, new Date().toISOString());
	store.emit(ctx, def, 'deleted', store.present(def, row));
	return { status: 204 };
}

/** Every operation a family serves: standard ones, lifecycle actions, then its own extras. */
export function operationsOf(def: FamilyDef): ResourceOperation[] {
	const base = `/${def.name}`;
	const s = def.scopes;
	const standard: Record<
		string,
		[string, string, string, (store: FamilyStore, ctx: ResourceContext) => Answer]
	> = {
		list: ['GET', base, s.read, (st, c) => list(def, st, c)],
		create: ['POST', base, s.write, (st, c) => create(def, st, c)],
		count: ['GET', `${base}/count`, s.read, (st, c) => count(def, st, c)],
		summary: ['GET', `${base}/summary`, s.read, (st, c) => summary(def, st, c)],
		getMany: ['POST', `${base}/get-many`, s.read, (st, c) => getMany(def, st, c)],
		get: [
			'GET',
			`${base}/{id}`,
			s.read,
			(st, c) => ok(c, st.present(def, st.find(def, c.tenantId, c.id))),
		],
		patch: ['PATCH', `${base}/{id}`, s.write, (st, c) => patch(def, st, c)],
		delete: ['DELETE', `${base}/{id}`, s.delete, (st, c) => remove(def, st, c)],
	};
	const ops: ResourceOperation[] = def.ops.map((name) => {
		const [method, path, scope, run] = standard[name];
		return { method, path, scopes: [scope], cost: method === 'GET' ? 1 : 5, run };
	});
	for (const action of def.actions ?? []) {
		ops.push({
			method: 'POST',
			path: `${base}/{id}/${action.name}`,
			scopes: action.scopes,
			cost: 5,
			run: (store, ctx) => {
				const row = store.find(def, ctx.tenantId, ctx.id);
				const body = validateActionBody(action.body, ctx.body);
				const status = row.v.status as string;
				const target = typeof action.to === 'function' ? action.to(body, row) : action.to;
				if (checkTransition(def.nouns, row.id, status, action, target))
					return ok(ctx, store.present(def, row), action.status ?? 200);
				const event = action.event === undefined ? 'updated' : action.event;
				const data = store.mutate(
					ctx,
					def,
					row,
					() => {
						row.v.status = target;
						action.apply?.(row, body, new Date().toISOString(), ctx, store);
					},
					event,
				);
				return ok(ctx, data, action.status ?? 200);
			},
		});
	}
	for (const extra of def.extraOps ?? [])
		ops.push({ cost: extra.method === 'GET' ? 1 : 5, ...extra });
	return ops;
}
