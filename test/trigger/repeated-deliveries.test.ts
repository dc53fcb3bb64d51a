/**
 * Each BuildWorkPro event starts at most one execution. BuildWorkPro re-sends an event it got no
 * 2xx for in time, and a replay sends it once more, always with the same event id. A repeat is
 * answered 2xx and starts nothing; a new id starts a new execution even with the same data.
 */
import { EventEmitter } from 'node:events';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BuildWorkProTrigger } from '../../nodes/BuildWorkProTrigger/BuildWorkProTrigger.node';
import {
	CLAIM_EXPIRES_AFTER_MS,
	DeliveryMemory,
	RECORDED_EVENTS_PER_NODE,
	REMEMBER_EVENTS_FOR_MS,
} from '../../nodes/BuildWorkProTrigger/dedupe';
import { createTriggerHarness, type TriggerHarness } from '../harness';
import { CONTACT_EVENTS, PRODUCTION_URL, contactEvent, signedDelivery } from './helpers';

const SECRET = 'whsec_repeated_deliveries';

/** A node parameter by n8n's dotted name ('options.ignoreRepeatedDeliveries'). */
function get(parameters: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

function publishedTrigger(parameters: IDataObject = {}): TriggerHarness {
	return createTriggerHarness({
		parameters: { authentication: 'apiKey', events: CONTACT_EVENTS, ...parameters },
		credentials: { buildWorkProApi: { apiKey: 'bwp_test_unused', baseUrl: 'http://127.0.0.1:9' } },
		webhookUrl: PRODUCTION_URL,
		workflowId: 'wf-2207',
		staticData: { endpoints: { [PRODUCTION_URL]: { signingSecret: SECRET, endpointId: 1 } } },
	});
}

/** One delivery attempt: the same event bytes, freshly signed (as every retry and replay is). */
async function deliver(trigger: TriggerHarness, event: IDataObject) {
	return await trigger.receive(signedDelivery(SECRET, event));
}

describe('a published trigger receiving the same event more than once', () => {
	it('starts one execution; the repeat is answered 200 and starts nothing', async () => {
		const trigger = publishedTrigger();
		const event = contactEvent('contact.created', { id: 7, firstName: 'Ada' });

		const first = await deliver(trigger, event);
		const retry = await deliver(trigger, event);
		const replay = await deliver(trigger, event);

		expect(first).toMatchObject({ status: 200, started: true });
		expect(first.items.map((item) => item.json.id)).toEqual([event.id]);
		for (const repeat of [retry, replay]) {
			expect(repeat).toMatchObject({ status: 200, started: false });
			expect(repeat.body).toEqual({ received: true, duplicate: event.id });
		}
	});

	it('a new event id with exactly the same data is a new event and starts its own execution', async () => {
		const trigger = publishedTrigger();
		const data = { id: 7, firstName: 'Ada' };
		const first = await deliver(trigger, { ...contactEvent('contact.updated', data), id: 'evt_a' });
		const second = await deliver(trigger, {
			...contactEvent('contact.updated', data),
			id: 'evt_b',
		});

		expect(first).toMatchObject({ status: 200, started: true });
		expect(second).toMatchObject({ status: 200, started: true });
		expect(second.items.map((item) => item.json.id)).toEqual(['evt_b']);
	});

	it('with "Record Only" output a repeat is recognised by its event id too', async () => {
		const trigger = publishedTrigger({ output: 'record' });
		const event = contactEvent();
		expect(await deliver(trigger, event)).toMatchObject({ started: true });
		expect(await deliver(trigger, event)).toMatchObject({ status: 200, started: false });
	});

	it('with "Ignore Repeated Deliveries" off, every delivery starts an execution with the event', async () => {
		const trigger = publishedTrigger({ options: { ignoreRepeatedDeliveries: false } });
		const event = contactEvent();

		const results = [await deliver(trigger, event), await deliver(trigger, event)];

		for (const result of results) {
			expect(result).toMatchObject({ status: 200, started: true });
			expect(result.items.map((item) => item.json.id)).toEqual([event.id]);
		}
	});

	it('two workflows listening to the same events each run once per event', async () => {
		const event = contactEvent();
		for (const trigger of [publishedTrigger(), publishedTrigger()]) {
			expect(await deliver(trigger, event)).toMatchObject({ started: true });
			expect(await deliver(trigger, event)).toMatchObject({ started: false });
		}
	});
});

/** n8n's response to a delivery, as the node sees it: the answer is sent after webhook() returned. */
class PendingResponse extends EventEmitter {
	statusCode = 200;

	headers: Record<string, string> = {};

	body?: string;

	writeHead(status: number, headers: Record<string, string>) {
		this.statusCode = status;
		this.headers = headers;
	}

	end(body: string) {
		this.body = body;
		this.emit('finish');
		this.emit('close');
	}

	/** n8n sends its answer (after creating the execution, on n8n 2.x). */
	answer(status: number) {
		this.statusCode = status;
		this.emit('finish');
		this.emit('close');
	}

	/** The connection dropped before any answer. */
	drop() {
		this.emit('close');
	}
}

interface Attempt {
	response: PendingResponse;
	started: boolean;
	result: IDataObject;
}

/** Calls webhook() directly with a context shaped like n8n's, leaving the answer to the test. */
function webhookNode({
	mode = 'webhook',
	nodeId = 'node-1',
	parameters = {},
}: { mode?: string; nodeId?: string; parameters?: IDataObject } = {}) {
	const node = new BuildWorkProTrigger();
	const allParameters: IDataObject = { events: CONTACT_EVENTS, output: 'event', ...parameters };
	return async (event: IDataObject): Promise<Attempt> => {
		const { headers, rawBody } = signedDelivery(SECRET, event);
		const response = new PendingResponse();
		const context = {
			getRequestObject: () => ({ rawBody: Buffer.from(rawBody) }),
			getResponseObject: () => response,
			getHeaderData: () => headers,
			getWorkflowStaticData: () => ({ endpoints: { url: { signingSecret: SECRET } } }),
			getNodeParameter: (name: string, fallback: unknown) => get(allParameters, name) ?? fallback,
			getMode: () => mode,
			getWorkflow: () => ({ id: 'wf-inflight', active: true }),
			getNode: () => ({ id: nodeId, name: 'BuildWorkPro Trigger' }),
			logger: { warn: () => undefined },
		};
		const result = (await node.webhook.call(context as never)) as IDataObject;
		return { response, started: result.workflowData !== undefined, result };
	};
}

describe('a repeat arriving while the first delivery is still being answered', () => {
	it('is answered 503 with Retry-After (BuildWorkPro tries again later) and starts nothing', async () => {
		const receive = webhookNode({ nodeId: 'in-flight' });
		const event = contactEvent();

		const first = await receive(event);
		const meanwhile = await receive(event);

		expect(first.started).toBe(true);
		expect(meanwhile.started).toBe(false);
		expect(meanwhile.response.statusCode).toBe(503);
		expect(meanwhile.response.headers['Retry-After']).toBe('60');

		first.response.answer(200);
		const later = await receive(event);
		expect(later.started).toBe(false);
		expect(later.result.webhookResponse).toEqual({ received: true, duplicate: event.id });
	});

	it('after n8n answered the first delivery with an error, the retry starts the execution', async () => {
		const receive = webhookNode({ nodeId: 'answered-500' });
		const event = contactEvent();

		const first = await receive(event);
		first.response.answer(500);
		const retry = await receive(event);

		expect(retry.started).toBe(true);
	});

	it('after the connection dropped without an answer, the retry starts the execution', async () => {
		const receive = webhookNode({ nodeId: 'dropped' });
		const event = contactEvent();

		(await receive(event)).response.drop();

		expect((await receive(event)).started).toBe(true);
	});
});

describe('what is not remembered', () => {
	it('test events ("Execute step") do not keep the published workflow from running that event', async () => {
		const event = contactEvent();
		const test = await webhookNode({ mode: 'manual', nodeId: 'shared' })(event);
		test.response.answer(200);

		const published = await webhookNode({ nodeId: 'shared' })(event);
		expect(published.started).toBe(true);
	});

	it('an event without an id always starts (it cannot be told apart from another)', async () => {
		const receive = webhookNode({ nodeId: 'no-id' });
		const { id: _id, ...event } = contactEvent();
		const first = await receive(event);
		first.response.answer(200);
		expect((await receive(event)).started).toBe(true);
	});
});

describe('the memory of accepted events is bounded', () => {
	function clock(start = Date.parse('2026-03-02T08:00:00Z')) {
		let now = start;
		return { now: () => now, advance: (ms: number) => (now += ms) };
	}

	it('remembers an accepted event for 36 hours, longer than BuildWorkPro retries (about 31 h)', () => {
		const time = clock();
		const memory = new DeliveryMemory({ now: time.now });
		expect(memory.claim('evt_1')).toBe('new');
		memory.confirm('evt_1');

		time.advance(REMEMBER_EVENTS_FOR_MS - 60_000);
		expect(memory.claim('evt_1')).toBe('accepted');
		time.advance(60_000);
		expect(memory.claim('evt_1')).toBe('new');
		expect(REMEMBER_EVENTS_FOR_MS).toBeGreaterThanOrEqual(32 * 3_600_000);
	});

	it('forgets expired events as it goes, so they take no room', () => {
		const time = clock();
		const memory = new DeliveryMemory({ now: time.now });
		for (const id of ['evt_1', 'evt_2', 'evt_3']) {
			memory.claim(id);
			memory.confirm(id);
		}
		time.advance(REMEMBER_EVENTS_FOR_MS);
		memory.claim('evt_4');
		expect(memory.size).toBe(1);
	});

	it('keeps at most its maximum of events, forgetting the oldest first', () => {
		const memory = new DeliveryMemory({ maxEntries: 3 });
		for (const id of ['evt_1', 'evt_2', 'evt_3', 'evt_4']) {
			memory.claim(id);
			memory.confirm(id);
		}
		expect(memory.size).toBe(3);
		expect(memory.claim('evt_2')).toBe('accepted');
		expect(memory.claim('evt_1')).toBe('new');
	});

	it('a delivery never answered stops holding back retries after a while', () => {
		const time = clock();
		const memory = new DeliveryMemory({ now: time.now });
		memory.claim('evt_1');
		time.advance(CLAIM_EXPIRES_AFTER_MS - 1);
		expect(memory.claim('evt_1')).toBe('in-flight');
		time.advance(1);
		expect(memory.claim('evt_1')).toBe('new');
	});

	it('a release forgets only an unanswered claim, never an accepted event', () => {
		const memory = new DeliveryMemory();
		memory.claim('evt_1');
		memory.confirm('evt_1');
		memory.release('evt_1');
		expect(memory.claim('evt_1')).toBe('accepted');
	});
});

describe("the trigger's execute(): the repeats this process could not see", () => {
	const item = (json: IDataObject): INodeExecutionData => ({ json });

	function executeContext({
		mode = 'webhook',
		parameters = {},
		recorded = [] as string[],
		fails = false,
	}: { mode?: string; parameters?: IDataObject; recorded?: string[]; fails?: boolean } = {}) {
		const calls: unknown[][] = [];
		const warnings: string[] = [];
		const store = new Set(recorded);
		return {
			calls,
			warnings,
			context: (items: INodeExecutionData[]) =>
				({
					getInputData: () => items,
					getMode: () => mode,
					getNodeParameter: (name: string, _index: number, fallback: unknown) =>
						get({ output: 'event', ...parameters }, name) ?? fallback,
					helpers: {
						checkProcessedAndRecord: async (ids: string[], ...rest: unknown[]) => {
							calls.push([ids, ...rest]);
							if (fails) throw new Error('database is locked');
							const processed = ids.filter((id) => store.has(id));
							ids.forEach((id) => store.add(id));
							return { new: ids.filter((id) => !processed.includes(id)), processed };
						},
					},
					logger: { warn: (message: string) => warnings.push(message) },
				}) as unknown as IExecuteFunctions,
		};
	}

	const execute = async (context: IExecuteFunctions) =>
		await new BuildWorkProTrigger().execute.call(context);

	it("records the event in n8n's deduplication store and passes a new event on", async () => {
		const { context, calls } = executeContext();
		const items = [item({ id: 'evt_new', type: 'contact.created' })];

		expect(await execute(context(items))).toEqual([items]);
		expect(calls).toEqual([
			[['evt_new'], 'node', { mode: 'entries', maxEntries: RECORDED_EVENTS_PER_NODE }],
		]);
	});

	it('ends the execution at the trigger, with no items, for an event already recorded', async () => {
		const { context } = executeContext({ recorded: ['evt_seen'] });
		expect(await execute(context([item({ id: 'evt_seen' })]))).toEqual([[]]);
	});

	it('reads the id from eventId with "Record Only" output (id is the record\'s there)', async () => {
		const { context, calls } = executeContext({
			parameters: { output: 'record' },
			recorded: ['evt_seen'],
		});
		expect(await execute(context([item({ id: 7, eventId: 'evt_seen' })]))).toEqual([[]]);
		expect(calls[0][0]).toEqual(['evt_seen']);
	});

	it('passes everything on, recording nothing, when "Ignore Repeated Deliveries" is off', async () => {
		const { context, calls } = executeContext({
			parameters: { options: { ignoreRepeatedDeliveries: false } },
			recorded: ['evt_seen'],
		});
		const items = [item({ id: 'evt_seen' })];
		expect(await execute(context(items))).toEqual([items]);
		expect(calls).toHaveLength(0);
	});

	it.each(['manual', 'retry'])('passes everything on in a %s execution', async (mode) => {
		const { context, calls } = executeContext({ mode, recorded: ['evt_seen'] });
		const items = [item({ id: 'evt_seen' })];
		expect(await execute(context(items))).toEqual([items]);
		expect(calls).toHaveLength(0);
	});

	it('runs the event rather than lose it when the store cannot be read, and says so in the log', async () => {
		const { context, warnings } = executeContext({ fails: true });
		const items = [item({ id: 'evt_1' })];
		expect(await execute(context(items))).toEqual([items]);
		expect(warnings.join()).toContain('database is locked');
	});
});
