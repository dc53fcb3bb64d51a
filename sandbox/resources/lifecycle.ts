/**
 * Lifecycle actions as explicit state machines: each action lists the statuses it may start
 * from and the status it leads to. A refused transition answers 409 `conflict` with a sentence a
 * person can act on, e.g. "Bid 12 is already accepted; only draft, sent, expired or rejected bids
 * can be accepted."
 */
import { ApiError } from '../problems';
import type { FieldSpec } from './fields';

export interface Nouns {
	/** "Bid", "Pay app", "Change order". */
	singular: string;
	/** "bids", "pay apps". */
	plural: string;
}

export interface ActionSpec<Row = unknown> {
	/** Path segment after /{id}/, e.g. 'accept', 'revert-acceptance', 'qbo/sync'. */
	name: string;
	/** Participle for the refusal sentence: 'accepted', 'sent', 'marked paid'. */
	past: string;
	scopes: string[];
	/** Statuses the action may start from. */
	from: readonly string[];
	/** Target status, or computed from the validated body (revert-acceptance {status}). */
	to: string | ((body: Record<string, unknown>, row: Row) => string);
	/** Statuses in which the action is a successful no-op (invoice mark-paid on a paid invoice). */
	noopFrom?: readonly string[];
	body?: readonly FieldSpec[];
	/** Field changes besides status (timestamps, who, why). */
	apply?: (row: Row, body: Record<string, unknown>, nowIso: string) => void;
	/** Webhook event type; default `<prefix>.updated` when that event exists. */
	event?: string | null;
	/** Answer status; 200 unless stated. */
	status?: number;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const human = (status: string) => status.replace(/_/g, ' ');

/** The 409 for a status the action (or an edit) may not start from. */
export function transitionConflict(
	nouns: Nouns,
	id: number,
	status: string,
	allowed: readonly string[],
	past: string,
	target?: string,
): ApiError {
	const already = target !== undefined && status === target ? 'already ' : '';
	const only = allowed.length
		? `only ${orList(allowed.map(human))} ${nouns.plural} can be ${past}`
		: `${nouns.plural} cannot be ${past}`;
	return new ApiError(
		409,
		'conflict',
		`${nouns.singular} ${id} is ${already}${human(status)}; ${only}.`,
	);
}

/** Throws the 409 unless `status` is one the action may start from. Returns true for a no-op. */
export function checkTransition(
	nouns: Nouns,
	id: number,
	status: string,
	action: Pick<ActionSpec, 'from' | 'past' | 'noopFrom'>,
	target?: string,
): boolean {
	if (action.noopFrom?.includes(status)) return true;
	if (!action.from.includes(status))
		throw transitionConflict(nouns, id, status, action.from, action.past, target);
	return false;
}

/** Guard for PATCH/DELETE (and sub-resource edits) of records locked in some statuses. */
export interface EditGuard {
	allowed: readonly string[];
	past: string;
}
