/** Types of the resource engine: rows, family definitions, operations. */
import type { FieldSpec } from './fields';
import type { ActionSpec, EditGuard, Nouns } from './lifecycle';
import type { Answer } from '../answer';
import type { CursorCodec } from '../cursor';

/** What a resource handler needs from the request pipeline (a subset of sandbox/route.ts's RequestContext). */
export interface ResourceContext {
	requestId: string;
	tenantId: number;
	body: unknown;
	query: Record<string, string>;
	/** First path parameter ({id}). */
	id: number;
	/** Every path parameter by name (id, itemId, lineId, paymentId). */
	params: Record<string, number>;
	/** Path parameters the operation takes as text (its `textParams`, e.g. a comment thread's entityType). */
	texts?: Record<string, string>;
	afterCommit: Array<() => void>;
	key: { name: string; scopes?: readonly string[] };
}

export interface Row {
	id: number;
	tenantId: number;
	/** Field values as answered (plus createdAt/updatedAt). */
	v: Record<string, unknown>;
	createdMs: number;
	updatedMs: number;
	deletedAt: string | null;
	/** Lower-cased text `search` matches against. */
	search: string;
	/** Family-specific internal state (line items, payments, submittedAt, …). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	x: Record<string, any>;
}

/** One tenant's rows of one family, as operations and family hooks see it (engine.ts's Table). */
export interface RowTable {
	/** Live ids in ascending order. */
	readonly ids: number[];
	readonly byId: Map<number, Row>;
	insert(row: Row): void;
	getLive(id: number): Row | undefined;
	softDelete(row: Row, at: string): void;
	live(): IterableIterator<Row>;
	readonly liveCount: number;
}

/**
 * What operations and family hooks use of the resource store (engine.ts's ResourceStore
 * implements it); declared here so this module needs nothing from the engine.
 */
export interface FamilyStore {
	readonly defs: Map<string, FamilyDef>;
	readonly cursors: CursorCodec;
	def(name: string): FamilyDef;
	table(family: string, tenantId: number): RowTable;
	/** Tenants that have a table of the family. */
	tenantIds(family: string): number[];
	nextId(family: string): number;
	/** A new row with defaults filled in; not yet inserted. */
	newRow(def: FamilyDef, tenantId: number, values: Record<string, unknown>, nowMs: number): Row;
	/** Creates, stores and announces a row (used by POST, duplicate, conversions). */
	insertNew(
		ctx: ResourceContext | null,
		def: FamilyDef,
		tenantId: number,
		values: Record<string, unknown>,
		nowMs?: number,
	): Row;
	/** The record as answered; `extras` adds a family's nested data, left out of lists. */
	present(def: FamilyDef, row: Row, compact?: boolean, extras?: boolean): Record<string, unknown>;
	/** Live row of the family in the tenant, or 404. */
	find(def: FamilyDef, tenantId: number, id: number): Row;
	/** Marks a row changed: strictly increasing updatedAt, fresh derived fields and search text. */
	touch(def: FamilyDef, row: Row): void;
	/** Queues a webhook event for after the answer is committed. */
	emit(
		ctx: ResourceContext,
		def: FamilyDef,
		kind: string,
		data: unknown,
		previous?: Record<string, unknown>,
	): void;
	/** Applies a change to a row and announces it with previous_attributes. */
	mutate(
		ctx: ResourceContext,
		def: FamilyDef,
		row: Row,
		change: () => void,
		event?: string | null,
	): Record<string, unknown>;
	/** 409 unless the row's status allows the edit. */
	guard(def: FamilyDef, row: Row, guard: EditGuard | undefined): void;
}

export type FilterKind =
	/** Integer id equality; "null" matches null unless `positive`. */
	| 'ref'
	| 'eq'
	/** Comma-separated list of values. */
	| 'csv'
	| 'search'
	/** Date bounds, inclusive, on `field` (createdAt by default). */
	| 'from'
	| 'to'
	/** The family's own `predicate` (a boolean given as "true"/"false", a tag in an array, …). */
	| 'custom';

export interface FilterSpec {
	param: string;
	kind: FilterKind;
	/** Row field the filter reads; defaults to the parameter name. */
	field?: string;
	/** Only positive integers are accepted (openapi `exclusiveMinimum: 0`). */
	positive?: boolean;
	/** For kind 'custom': the row test for the raw query value (may throw a 400 for a bad value). */
	predicate?: (raw: string) => (row: Row) => boolean;
}

export type StandardOp =
	| 'list'
	| 'create'
	| 'get'
	| 'patch'
	| 'delete'
	| 'count'
	| 'summary'
	| 'getMany';

export interface ResourceOperation {
	method: string;
	/** openapi path template relative to /api/v1. */
	path: string;
	/** All required (openapi lists them in one security requirement). */
	scopes: string[];
	cost: number;
	/** Path parameters that are text, not positive integers (answered in `ctx.texts`). */
	textParams?: string[];
	run(store: FamilyStore, ctx: ResourceContext): Answer;
}

export type FamilyAction = Omit<ActionSpec<Row>, 'apply'> & {
	apply?: (
		row: Row,
		body: Record<string, unknown>,
		nowIso: string,
		ctx?: ResourceContext,
		store?: FamilyStore,
	) => void;
};

/**
 * A change only BuildWorkPro's web app or its scheduler makes: openapi.json lists the webhook event
 * it causes but no operation for it. The sandbox's test controls stand in (sandbox/resources/appActions.ts).
 */
export interface AppAction {
	/** 'cancel', 'reopen', 'void', 'expire'. */
	name: string;
	/** Participle for the refusal sentence: 'cancelled'. */
	past: string;
	/** Statuses the action may start from. */
	from: readonly string[];
	/** Target status, or computed from the row before the change (a reopened bid's former status). */
	to: string | ((row: Row) => string);
	body?: readonly FieldSpec[];
	/** Field changes besides status; `fromStatus` is the status the row had. */
	apply?: (row: Row, body: Record<string, unknown>, nowIso: string, fromStatus: string) => void;
	/** Webhook event suffix ('cancelled'). */
	event: string;
}

/** A change BuildWorkPro's scheduler makes to every record that has come due (a bid past validUntil). */
export interface ScheduledAction extends AppAction {
	due(row: Row, nowMs: number): boolean;
}

export interface FamilyDef {
	/** URL segment: 'bids', 'pay-apps'. */
	name: string;
	nouns: Nouns;
	/** Webhook event prefix ('bid'); events not in EVENT_TYPES are silently not emitted. */
	eventPrefix?: string;
	scopes: { read: string; write: string; delete: string };
	fields: FieldSpec[];
	/** Fields PATCH accepts when they differ from create's. */
	updateFields?: FieldSpec[];
	ops: StandardOp[];
	pagination?: 'cursor' | 'page' | 'none';
	/** Order of unpaginated lists. */
	sort?: (a: Row, b: Row) => number;
	filters?: FilterSpec[];
	searchFields?: string[];
	summaryFilters?: FilterSpec[];
	summary?: (rows: Row[], store: FamilyStore, tenantId: number) => unknown;
	guards?: { patch?: EditGuard; delete?: EditGuard };
	actions?: FamilyAction[];
	/** Changes made outside the API (web app, scheduler) that emit webhook events. */
	appActions?: AppAction[];
	/** Time-driven changes the scheduler makes (expiring bids), which emit webhook events. */
	scheduledActions?: ScheduledAction[];
	extraOps?: Array<Omit<ResourceOperation, 'cost'> & { cost?: number }>;
	/** Custom create-body parsing (invoices' {invoice, lines}); default validates `fields`. */
	parseCreate?: (
		body: unknown,
		store: FamilyStore,
		ctx: ResourceContext,
	) => Record<string, unknown>;
	/** Reference checks before create/patch; throws 422. */
	prepare?: (
		store: FamilyStore,
		tenantId: number,
		values: Record<string, unknown>,
		row?: Row,
	) => void;
	afterCreate?: (
		row: Row,
		values: Record<string, unknown>,
		store: FamilyStore,
		ctx: ResourceContext,
	) => void;
	beforeDelete?: (row: Row, store: FamilyStore, ctx: ResourceContext) => void;
	/** Recomputes derived fields (totals) from the row's values and internal state. */
	recompute?: (row: Row, store: FamilyStore) => void;
	/** Adds to a presentation (e.g. an invoice's lineItems). */
	decorate?: (
		out: Record<string, unknown>,
		row: Row,
		store: FamilyStore,
	) => Record<string, unknown>;
	/** Extra event types for a PATCH, given the changed fields (project.status_changed). */
	patchEvents?: (previous: Record<string, unknown>) => string[];
	/** Rows each tenant starts with (lead stages, users). */
	initialRows?: (tenantId: number) => Array<Record<string, unknown>>;
	/** Values of the i-th seeded record for /__sandbox/seed. */
	seedInput?: (
		i: number,
		random: () => number,
		store: FamilyStore,
		tenantId: number,
	) => Record<string, unknown>;
	afterSeed?: (row: Row, random: () => number, store: FamilyStore) => void;
}
