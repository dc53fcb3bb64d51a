/** The contacts family: list, count, summary, get-many and CRUD, each with its scope and cost. */
import { ok, type Answer } from '../answer';
import { contactFiltersOf } from '../contactStore';
import {
	CONTACT_TYPES,
	contactMatcher,
	presentContact,
	validateContactInput,
	type StoredContact,
} from '../contacts';
import { pageOf } from '../keyset';
import { parseDateParam, parseGetManyIds, parseLimit } from '../query';
import type { RequestContext, RouteEntry, Services } from '../route';

function list({ contacts, cursors }: Services, ctx: RequestContext): Answer {
	const limit = parseLimit(ctx.query.limit);
	const { filters, fingerprint } = contactFiltersOf(ctx.query);
	const compact = ctx.query.compact === 'true' || ctx.query.compact === '1';
	const after = ctx.query.cursor
		? cursors.decode(ctx.query.cursor, ctx.tenantId, 'contacts', fingerprint)
		: undefined;
	const table = contacts.table(ctx.tenantId);
	const page = pageOf(table.ids, (id) => table.byId.get(id), contactMatcher(filters), after, limit);
	const last = page.items[page.items.length - 1];
	return ok(
		ctx,
		page.items.map((c) => presentContact(c, compact)),
		200,
		{
			pagination: {
				cursor:
					page.hasMore && last
						? cursors.encode(ctx.tenantId, 'contacts', fingerprint, last.id)
						: null,
				has_more: page.hasMore,
				count: page.items.length,
			},
		},
	);
}

function count({ contacts }: Services, ctx: RequestContext): Answer {
	const { filters } = contactFiltersOf(ctx.query);
	const table = contacts.table(ctx.tenantId);
	let total = 0;
	if (
		!filters.type &&
		!filters.search &&
		filters.dateFromMs === undefined &&
		filters.dateToMs === undefined
	) {
		total = table.liveCount;
	} else {
		const matches = contactMatcher(filters);
		for (const c of table.byId.values()) if (matches(c)) total++;
	}
	return ok(ctx, { total });
}

function summarize({ contacts }: Services, ctx: RequestContext): Answer {
	const matches = contactMatcher({
		dateFromMs: parseDateParam('dateFrom', ctx.query.dateFrom),
		dateToMs: parseDateParam('dateTo', ctx.query.dateTo),
	});
	const counts = new Map<string, number>(CONTACT_TYPES.map((t) => [t, 0]));
	let total = 0;
	for (const c of contacts.table(ctx.tenantId).byId.values()) {
		if (!matches(c)) continue;
		total++;
		counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
	}
	return ok(ctx, {
		totals: { count: total },
		by_type: [...counts].map(([type, count]) => ({ type, count })),
	});
}

function getMany({ contacts }: Services, ctx: RequestContext): Answer {
	const unique = parseGetManyIds(ctx.body);
	const table = contacts.table(ctx.tenantId);
	const found = unique.map((id) => table.getLive(id)).filter((c): c is StoredContact => !!c);
	return ok(
		ctx,
		found.map((c) => presentContact(c)),
		200,
		{ requested: unique.length, returned: found.length },
	);
}

function create({ contacts, webhooks }: Services, ctx: RequestContext): Answer {
	const contact = contacts.create(ctx.tenantId, validateContactInput(ctx.body, 'create'));
	const snapshot = presentContact(contact);
	ctx.afterCommit.push(() => webhooks.emit(ctx.tenantId, 'contact.created', snapshot));
	return ok(ctx, snapshot, 201);
}

function update({ contacts, webhooks }: Services, ctx: RequestContext): Answer {
	const contact = contacts.find(ctx.tenantId, ctx.id);
	const previous = contacts.update(contact, validateContactInput(ctx.body, 'update'));
	if (Object.keys(previous).length) {
		const snapshot = presentContact(contact);
		ctx.afterCommit.push(() => webhooks.emit(ctx.tenantId, 'contact.updated', snapshot, previous));
	}
	return ok(ctx, presentContact(contact));
}

function remove({ contacts, webhooks }: Services, ctx: RequestContext): Answer {
	const contact = contacts.find(ctx.tenantId, ctx.id);
	contacts.remove(contact);
	const snapshot = presentContact(contact);
	ctx.afterCommit.push(() => webhooks.emit(ctx.tenantId, 'contact.deleted', snapshot));
	return { status: 204 };
}

export const CONTACT_ROUTES: readonly RouteEntry[] = [
	{ method: 'GET', path: '/contacts', scopes: ['contacts:read'], cost: 1, handler: list },
	{ method: 'POST', path: '/contacts', scopes: ['contacts:write'], cost: 5, handler: create },
	{ method: 'GET', path: '/contacts/count', scopes: ['contacts:read'], cost: 1, handler: count },
	{
		method: 'GET',
		path: '/contacts/summary',
		scopes: ['contacts:read'],
		cost: 1,
		handler: summarize,
	},
	{
		method: 'POST',
		path: '/contacts/get-many',
		scopes: ['contacts:read'],
		cost: 5,
		handler: getMany,
	},
	{
		method: 'GET',
		path: '/contacts/{id}',
		scopes: ['contacts:read'],
		cost: 1,
		handler: ({ contacts }, ctx) => ok(ctx, presentContact(contacts.find(ctx.tenantId, ctx.id))),
	},
	{ method: 'PATCH', path: '/contacts/{id}', scopes: ['contacts:write'], cost: 5, handler: update },
	{
		method: 'DELETE',
		path: '/contacts/{id}',
		scopes: ['contacts:delete'],
		cost: 5,
		handler: remove,
	},
];
