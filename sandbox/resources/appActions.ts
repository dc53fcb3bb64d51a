/**
 * Changes BuildWorkPro makes outside the API that still send webhooks. openapi.json lists their
 * events (bid.cancelled, bid.reopened, pay_app.voided, change_order.voided, bid.expired) but no
 * operation that causes them: a person cancels, reopens or voids in the web app, and the scheduler
 * expires bids. The sandbox has neither, so test controls stand in for them (docs/sandbox.md):
 * runAppAction for the web app, runScheduler for the scheduler's pass.
 */
import { newRequestId } from '../http';
import { notFound } from '../problems';
import { validateActionBody } from './fields';
import { checkTransition } from './lifecycle';
import type { AppAction, FamilyDef, FamilyStore, ResourceContext, Row } from './types';

/** Who the change is recorded as (the API key's name for API calls). */
const WEB_APP = 'BuildWorkPro web app';
const SCHEDULER = 'BuildWorkPro scheduler';

function contextFor(tenantId: number, id: number, actor: string): ResourceContext {
	return {
		requestId: newRequestId(),
		tenantId,
		body: undefined,
		query: {},
		id,
		params: { id },
		afterCommit: [],
		key: { name: actor, scopes: [] },
	};
}

/** The transition with its event (previous_attributes from the change); answers the record as GET does. */
function perform(
	store: FamilyStore,
	ctx: ResourceContext,
	def: FamilyDef,
	row: Row,
	action: AppAction,
	body: unknown,
): Record<string, unknown> {
	const values = validateActionBody(action.body, body);
	const fromStatus = row.v.status as string;
	const target = typeof action.to === 'function' ? action.to(row) : action.to;
	checkTransition(def.nouns, row.id, fromStatus, action, target);
	return store.mutate(
		ctx,
		def,
		row,
		() => {
			action.apply?.(row, values, new Date().toISOString(), fromStatus);
			row.v.status = target;
		},
		action.event,
	);
}

/** The web-app actions a family has, by name (for the control's error message). */
export function appActionNames(store: FamilyStore): Record<string, string[]> {
	const names: Record<string, string[]> = {};
	for (const def of store.defs.values())
		if (def.appActions?.length) names[def.name] = def.appActions.map((a) => a.name);
	return names;
}

/**
 * What a person does in the web app to one record (`family` as in the URL: 'bids', 'pay-apps'):
 * 404 for an unknown family, action or record, 409 for a status the action may not start from.
 * Its webhook is sent at once; answers the record as GET answers it.
 */
export function runAppAction(
	store: FamilyStore,
	family: string,
	id: number,
	actionName: string,
	body: unknown,
	tenantId: number,
): Record<string, unknown> {
	const def = store.defs.get(family);
	const action = def?.appActions?.find((a) => a.name === actionName);
	if (!def || !action) {
		const known = Object.entries(appActionNames(store))
			.map(([name, actions]) => `${name}: ${actions.join(', ')}`)
			.join('; ');
		throw notFound(`No web-app action "${actionName}" for "${family}" (there are ${known}).`);
	}
	const ctx = contextFor(tenantId, id, WEB_APP);
	const data = perform(store, ctx, def, store.find(def, tenantId, id), action, body);
	for (const effect of ctx.afterCommit) effect();
	return data;
}

export interface ScheduledChange {
	/** The event type sent ('bid.expired'). */
	type: string;
	/** The record after the change, as GET answers it. */
	record: Record<string, unknown>;
}

/**
 * One pass of the scheduler as of `nowMs`, over every tenant: each record a scheduled action has
 * come due for changes (sent bids whose validUntil has passed expire) and its webhook is sent.
 */
export function runScheduler(store: FamilyStore, nowMs = Date.now()): ScheduledChange[] {
	const changes: ScheduledChange[] = [];
	for (const def of store.defs.values()) {
		for (const action of def.scheduledActions ?? []) {
			for (const tenantId of store.tenantIds(def.name)) {
				const ctx = contextFor(tenantId, 0, SCHEDULER);
				for (const row of [...store.table(def.name, tenantId).live()]) {
					if (!action.from.includes(row.v.status as string) || !action.due(row, nowMs)) continue;
					const record = perform(store, ctx, def, row, action, undefined);
					changes.push({ type: `${def.eventPrefix}.${action.event}`, record });
				}
				for (const effect of ctx.afterCommit) effect();
			}
		}
	}
	return changes;
}
