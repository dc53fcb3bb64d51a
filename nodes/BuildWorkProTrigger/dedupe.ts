import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OutputShape } from './delivery';

/**
 * "Each event starts at most one execution", in two layers (docs/trigger.md, "Repeated deliveries"):
 *
 * 1. DeliveryMemory, in webhook(): this process's memory of the event ids it accepted. A repeat is
 *    answered 200 and starts nothing. It is lost on restart and not shared between processes.
 * 2. dropRecordedEvents(), in the trigger's execute(): n8n's own deduplication store (a database
 *    table, shared by every process, kept across restarts). A repeat that layer 1 could not see
 *    starts an execution that ends at the trigger with no items.
 *
 * Nothing is kept in the workflow's static data: on n8n 2.x writes made in webhook() are dropped
 * once an execution starts, and in queue mode a write during an execution replaces the static
 * data that holds the signing secret.
 */

/** BuildWorkPro retries for about 31 hours; remember an event a little longer than that. */
export const REMEMBER_EVENTS_FOR_MS = 36 * 3_600_000;
/** At most this many events per n8n process (all trigger nodes together), oldest forgotten first. */
export const REMEMBER_AT_MOST = 10_000;
/**
 * A delivery still unanswered after this long is taken as lost (its answer will never come), so
 * its claim no longer holds back a retry; the database layer still catches a duplicate.
 */
export const CLAIM_EXPIRES_AFTER_MS = 10 * 60_000;
/**
 * Event ids n8n's deduplication store keeps per trigger node. The whole list is read and written
 * once per event (about 35 bytes an id, so some 175 KB); it must exceed the events one trigger
 * receives in 31 hours.
 */
export const RECORDED_EVENTS_PER_NODE = 5_000;

export type Claim =
	/** Not seen (or forgotten): this delivery may start an execution. */
	| 'new'
	/** Already accepted with a 2xx: answer 2xx and start nothing. */
	| 'accepted'
	/** Another delivery of this event is being handled right now and has not been answered. */
	| 'in-flight';

interface Entry {
	state: 'claimed' | 'accepted';
	/** When it was claimed or accepted (ms); entries are kept in this order. */
	at: number;
}

export interface DeliveryMemoryOptions {
	ttlMs?: number;
	maxEntries?: number;
	claimExpiresAfterMs?: number;
	now?: () => number;
}

/** Bounded in size and in time; expired entries are dropped when the memory is next used. */
export class DeliveryMemory {
	private readonly entries = new Map<string, Entry>();

	private readonly ttlMs: number;

	private readonly maxEntries: number;

	private readonly claimExpiresAfterMs: number;

	private readonly now: () => number;

	constructor(options: DeliveryMemoryOptions = {}) {
		this.ttlMs = options.ttlMs ?? REMEMBER_EVENTS_FOR_MS;
		this.maxEntries = options.maxEntries ?? REMEMBER_AT_MOST;
		this.claimExpiresAfterMs = options.claimExpiresAfterMs ?? CLAIM_EXPIRES_AFTER_MS;
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.entries.size;
	}

	/**
	 * Checks and claims in one synchronous step, so two deliveries handled by this process at the
	 * same moment cannot both get 'new'.
	 */
	claim(key: string): Claim {
		const now = this.now();
		this.forgetExpired(now);
		const entry = this.entries.get(key);
		if (entry && !this.isExpired(entry, now)) {
			return entry.state === 'accepted' ? 'accepted' : 'in-flight';
		}
		this.put(key, { state: 'claimed', at: now });
		return 'new';
	}

	/** The delivery was answered with a 2xx, so an execution exists: from now on it is a repeat. */
	confirm(key: string): void {
		this.put(key, { state: 'accepted', at: this.now() });
	}

	/** The delivery was not answered with a 2xx: BuildWorkPro will retry it, and the retry must run. */
	release(key: string): void {
		if (this.entries.get(key)?.state === 'claimed') this.entries.delete(key);
	}

	private put(key: string, entry: Entry): void {
		this.entries.delete(key); // re-inserting keeps the Map in time order
		this.entries.set(key, entry);
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	private isExpired(entry: Entry, now: number): boolean {
		const lifetime = entry.state === 'accepted' ? this.ttlMs : this.claimExpiresAfterMs;
		return now - entry.at >= lifetime;
	}

	private forgetExpired(now: number): void {
		// Oldest first; stop at the first live entry, so each call costs only what it drops (a stale
		// claim behind a live entry is caught when its event comes again, or by the size cap).
		for (const [key, entry] of this.entries) {
			if (!this.isExpired(entry, now)) break;
			this.entries.delete(key);
		}
	}
}

/** The parts of n8n's webhook response (an express Response) the memory listens to. */
export interface AnsweredResponse {
	statusCode: number;
	once(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Settles a claim when n8n has answered the delivery: a 2xx confirms it, anything else (an error,
 * a dropped connection) releases it so that BuildWorkPro's retry starts the execution.
 */
export function settleWhenAnswered(
	memory: DeliveryMemory,
	key: string,
	response: AnsweredResponse,
): void {
	let settled = false;
	const settle = (finished: boolean) => {
		if (settled) return;
		settled = true;
		const status = response.statusCode;
		if (finished && status >= 200 && status < 300) memory.confirm(key);
		else memory.release(key);
	};
	response.once('finish', () => settle(true));
	response.once('close', () => settle(false));
}

/** The event id an output item carries, in either output shape. */
export function eventIdOf(json: IDataObject, shape: OutputShape): string | undefined {
	const id = shape === 'record' ? json.eventId : json.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Records the items' event ids in n8n's deduplication store and drops the items whose id it had
 * already recorded. It runs inside the execution, so an id is only ever recorded for an event that
 * has an execution: a delivery that failed to start one is never mistaken for done.
 */
export async function dropRecordedEvents(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	shape: OutputShape,
): Promise<INodeExecutionData[]> {
	const ids = items.map((item) => eventIdOf(item.json, shape));
	const known = ids.filter((id): id is string => id !== undefined);
	if (known.length === 0) return items;
	let recorded: Set<string>;
	try {
		const { processed } = await context.helpers.checkProcessedAndRecord(known, 'node', {
			mode: 'entries',
			maxEntries: RECORDED_EVENTS_PER_NODE,
		});
		recorded = new Set(processed.map(String));
	} catch (error) {
		// Losing an event is worse than running it twice: go on without the check.
		context.logger.warn(
			`BuildWorkPro Trigger could not check for repeated deliveries, so the event runs: ${(error as Error).message}`,
		);
		return items;
	}
	return items.filter((_item, index) => {
		const id = ids[index];
		return id === undefined || !recorded.has(id);
	});
}
