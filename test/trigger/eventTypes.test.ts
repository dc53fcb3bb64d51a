/**
 * Each of the 35 event types, end to end: the sandbox is made to send it by the action that
 * causes it (test/sandbox/eventCauses.ts), signs it and POSTs it over real HTTP to two published
 * triggers listening to that one event, one per output shape. Each must start exactly one
 * execution carrying the acted-on record and the event's type. (That the sandbox sends the
 * documented event is test/sandbox/eventTypes.test.ts's concern.)
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import {
	EVENT_CAUSES,
	causeEvent,
	changedFields,
	controlsOf,
	isChange,
	type CauseContext,
} from '../sandbox/eventCauses';
import { createTriggerHarness, type TriggerHarness } from '../harness';
import { api } from './helpers';

let sandbox: Sandbox;
let ctx: CauseContext;
const listeners: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
	sandbox = await startSandbox({ testControls: true, rateLimit: { enabled: false } });
	ctx = {
		call: (method, path, body) => api(sandbox, method, path, body),
		control: controlsOf(sandbox),
	};
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => sandbox.reset());

afterEach(async () => {
	await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

/** A published workflow whose trigger listens to one event type, in one output shape. */
async function publishedTrigger(eventType: string, output: 'event' | 'record') {
	const trigger = createTriggerHarness({
		parameters: { authentication: 'apiKey', events: [eventType], output },
		credentials: { buildWorkProApi: { apiKey: sandbox.keys.full, baseUrl: sandbox.baseUrl } },
		// Two workflows, so each has its own trigger (and its own memory of events seen).
		workflowId: `wf-${output}`,
		workflowName: `On ${eventType} (${output})`,
	});
	listeners.push(await trigger.listen());
	await trigger.activate();
	return trigger;
}

/** Resolves once BuildWorkPro has recorded the answer to every delivery it queued. */
async function allDeliveriesAnswered(): Promise<void> {
	for (;;) {
		const deliveries = sandbox.deliveries();
		if (deliveries.every((delivery) => delivery.state !== 'pending')) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** The one execution a trigger started; fails when it started none or several. */
function onlyExecution(trigger: TriggerHarness) {
	expect(trigger.deliveries).toHaveLength(1);
	const [delivery] = trigger.deliveries;
	expect(delivery).toMatchObject({ status: 200, started: true });
	expect(delivery.items).toHaveLength(1);
	return delivery.items[0].json;
}

describe.each(EVENT_CAUSES)('$type', (cause) => {
	it(`from ${cause.cause}: one execution with the record, in both output shapes`, async () => {
		let wholeEvent!: TriggerHarness;
		let recordOnly!: TriggerHarness;
		const caused = await causeEvent(cause, ctx, async () => {
			wholeEvent = await publishedTrigger(cause.type, 'event');
			recordOnly = await publishedTrigger(cause.type, 'record');
		});
		await wholeEvent.waitForDeliveries(1);
		await recordOnly.waitForDeliveries(1);
		await allDeliveriesAnswered();

		const event = onlyExecution(wholeEvent);
		expect(event).toEqual({
			id: expect.stringMatching(/^evt_/),
			type: cause.type,
			created_at: expect.any(String),
			tenant_id: 1,
			data: caused.after,
			...(isChange(cause.type)
				? { previous_attributes: changedFields(caused.before, caused.after) }
				: {}),
		});
		expect((event.data as { id: number }).id).toBe(caused.id);

		expect(onlyExecution(recordOnly)).toEqual({
			...caused.after,
			id: caused.id,
			eventType: cause.type,
			eventId: event.id,
		});
	});
});
