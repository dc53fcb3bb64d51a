/**
 * End to end, in a real n8n: each BuildWorkPro event starts the workflow at most once. BuildWorkPro
 * re-sends an event it got no timely 2xx for (a retry: the same bytes, freshly signed) and a replay
 * sends it once more; both keep the event id. And "Only When These Fields Change" lets an update
 * start the workflow only when a chosen field changed.
 *
 * Run with the rest of the e2e suite (`npm run test:e2e`), alone with
 * `npx tsx scripts/e2e-prepare.ts && npx jest --config test/e2e/jest.config.js trigger-dedupe`,
 * and on n8n 1.x with N8N_E2E_VERSION=1.123.x.
 */
import { randomUUID } from 'node:crypto';

import { startStack, type Stack, stepShowingN8nLog } from '../../e2e/lib/stack';
import {
	createWorkflow,
	listExecutions,
	publish,
	unpublish,
	waitForExecution,
	type ExecutionDetails,
	type SavedWorkflow,
} from '../../e2e/lib/n8nWorkflows';
import { groupAlive, waitFor } from '../../e2e/lib/process';
import { packageName } from '../../e2e/lib/communityPackage';

const TRIGGER_TYPE = `${packageName}.buildWorkProTrigger`;
const TRIGGER = 'BuildWorkPro Trigger';

let stack: Stack;
const figures: string[] = [];

function figure(line: string) {
	figures.push(line);
	console.log(line);
}

beforeAll(async () => {
	stack = await startStack({ version: process.env.N8N_E2E_VERSION, sandbox: { seed: 5 } });
	figure(
		`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}`,
	);
}, 900_000);

afterAll(async () => {
	if (!stack) return;
	const pid = stack.n8n.process.child.pid!;
	const log = await stack.stop();
	console.log(`n8n log kept at ${log}\n\ntrigger dedupe figures:\n  ${figures.join('\n  ')}`);
	expect(groupAlive(pid)).toBe(false);
}, 60_000);

/** A test body whose failure also shows the end of n8n's log. */
const step = stepShowingN8nLog(() => stack?.n8n);

async function callSandbox(method: string, path: string, body?: unknown) {
	const response = await fetch(`${stack.sandbox.baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${stack.sandbox.keys.full}`,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: (text ? JSON.parse(text) : {}) as { data: Record<string, unknown> },
	};
}

/** A published "BuildWorkPro Trigger → Received" workflow and what it takes to reach it. */
interface Published {
	workflow: SavedWorkflow;
	url: string;
}

async function publishTriggerWorkflow(
	name: string,
	parameters: Record<string, unknown>,
): Promise<Published> {
	const webhookId = randomUUID();
	const workflow = await createWorkflow(stack.client, name, [
		{
			name: TRIGGER,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			webhookId,
			parameters,
			credentials: { buildWorkProApi: { id: stack.credential.id, name: stack.credential.name } },
		},
		{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
	]);
	await publish(stack.client, workflow);
	const url = `${stack.n8n.url}/webhook/${webhookId}/webhook`;
	// n8n 2.x publishes in the background: wait for the endpoint, then for n8n to serve the URL.
	await waitFor(
		`the endpoint of "${name}" in the sandbox`,
		() => stack.sandbox.webhookEndpoints().some((e) => !e.deleted && e.url === url),
		{ timeoutMs: 30_000 },
	);
	return { workflow, url };
}

/** Every execution of the workflow, finished, oldest first. */
async function executionsOf(published: Published): Promise<ExecutionDetails[]> {
	const summaries = await listExecutions(stack.client, published.workflow.id);
	const executions: ExecutionDetails[] = [];
	for (const summary of [...summaries].reverse())
		executions.push(await waitForExecution(stack.n8n, stack.client, summary.id, 30_000));
	return executions;
}

/** Waits until the workflow has `count` executions, then a moment more for a late extra one. */
async function expectExecutionCount(published: Published, count: number) {
	await waitFor(
		`${count} execution(s) of "${published.workflow.name}"`,
		async () => (await listExecutions(stack.client, published.workflow.id)).length,
		{ until: (found) => found >= count, timeoutMs: 30_000 },
	);
	// Executions start asynchronously: give a wrongly started one time to show up.
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	const executions = await executionsOf(published);
	expect(executions).toHaveLength(count);
	return executions;
}

/** The executions in which the event reached the node after the trigger. */
const ranDownstream = (executions: ExecutionDetails[]) =>
	executions.filter((execution) => (execution.output.Received ?? []).length > 0);

/** The sandbox's record of an event's delivery to a URL, once its latest attempt has an answer. */
async function answeredDelivery(url: string, eventId: string, attempts: number) {
	const delivery = await waitFor(
		`the sandbox to record attempt ${attempts} of the delivery of ${eventId}`,
		() => stack.sandbox.deliveries().find((d) => d.eventId === eventId && d.url === url),
		{
			until: (found) =>
				(found?.attempts.length ?? 0) >= attempts && found?.attempts.at(-1)?.status !== undefined,
			timeoutMs: 30_000,
		},
	);
	return delivery!;
}

/** The endpoint's signing secret, from the workflow's static data (n8n's REST answer carries it). */
async function signingSecretOf(published: Published): Promise<string> {
	const saved = await waitFor(
		"n8n to keep the endpoint's signing secret in the workflow's static data",
		() => stack.client.get<{ staticData?: unknown }>(`/workflows/${published.workflow.id}`),
		{
			until: (found) => /"signingSecret":"[^"]+"/.test(JSON.stringify(found.staticData ?? {})),
			show: (found) => found.staticData ?? '(no staticData in the answer)',
			timeoutMs: 30_000,
		},
	);
	return JSON.stringify(saved.staticData).match(/"signingSecret":"([^"]+)"/)![1];
}

describe('each event starts the workflow at most once', () => {
	let published: Published;
	let secret: string;
	let event: Record<string, unknown>;
	let deliveryId: number;

	beforeAll(async () => {
		published = await publishTriggerWorkflow('Dedupe: on new contacts', {
			events: ['contact.created'],
			output: 'event',
		});
	});

	afterAll(async () => {
		await unpublish(stack.client, published.workflow).catch(() => undefined);
	});

	it(
		'an event, its retry (the same bytes freshly signed) and its replay start exactly one execution',
		step(async () => {
			const created = await callSandbox('POST', '/contacts', {
				type: 'customer',
				firstName: 'Grace',
				lastName: 'Once',
			});
			expect(created.status).toBe(201);
			const [first] = await expectExecutionCount(published, 1);
			[event] = first.output[TRIGGER];
			expect(event).toMatchObject({ type: 'contact.created', data: { firstName: 'Grace' } });
			const delivered = await answeredDelivery(published.url, String(event.id), 1);
			expect(delivered.attempts.map((attempt) => attempt.status)).toEqual([200]);
			deliveryId = delivered.id;
			secret = await signingSecretOf(published);

			// A retry, as BuildWorkPro sends one when our answer came too late: same body, new signature.
			const retry = await stack.sandbox.sendDelivery({
				url: published.url,
				secret,
				rawBody: JSON.stringify(event),
				event,
			});
			expect(retry.status).toBe(200);
			expect(JSON.parse(retry.body)).toMatchObject({ duplicate: event.id });

			// A replay through BuildWorkPro's API: the sandbox delivers the stored event once more.
			const replayed = await callSandbox('POST', `/webhook-deliveries/${deliveryId}/replay`);
			expect(replayed.status).toBe(200);
			const afterReplay = await answeredDelivery(published.url, String(event.id), 2);
			expect(afterReplay.attempts.at(-1)?.status).toBe(200);

			const executions = await expectExecutionCount(published, 1);
			expect(ranDownstream(executions)).toHaveLength(1);
			figure(
				`regular: event ${String(event.id)} delivered 3 times (event, retry, replay) → ${executions.length} execution; ` +
					`retry answered ${retry.status} ${retry.body}, replay answered ${afterReplay.attempts.at(-1)?.status}`,
			);
		}),
	);

	it(
		'a new event id with the same data starts one more execution',
		step(async () => {
			const twin = { ...event, id: `evt_${randomUUID().replace(/-/g, '')}` };
			const answer = await stack.sandbox.sendDelivery({ url: published.url, secret, event: twin });
			expect(answer.status).toBe(200);

			const executions = await expectExecutionCount(published, 2);
			expect(ranDownstream(executions).map((execution) => execution.output.Received[0].id)).toEqual(
				[event.id, twin.id],
			);
		}),
	);

	it(
		'after an n8n restart, the earlier event delivered again runs nothing after the trigger; a new one runs',
		step(async () => {
			const before = (await executionsOf(published)).length;
			await stack.restartN8n();
			// n8n serves the webhook again once it has re-registered the published workflow.
			const retry = await waitFor(
				'n8n to serve the webhook again after the restart',
				() =>
					stack.sandbox.sendDelivery({
						url: published.url,
						secret,
						rawBody: JSON.stringify(event),
						event,
					}),
				{ until: (answer) => answer.status !== 404, timeoutMs: 60_000, intervalMs: 500 },
			);
			expect(retry.status).toBe(200);
			// This process's memory is gone: the repeat starts an execution, which n8n's
			// deduplication store ends at the trigger, with no items.
			const afterRetry = await expectExecutionCount(published, before + 1);
			const repeat = afterRetry.at(-1)!;
			expect(repeat.status).toBe('success');
			expect(repeat.output[TRIGGER]).toEqual([]);
			expect(repeat.output.Received).toBeUndefined();

			// The restarted process has now seen the event: a replay starts nothing at all.
			expect((await callSandbox('POST', `/webhook-deliveries/${deliveryId}/replay`)).status).toBe(
				200,
			);
			const replayed = await answeredDelivery(published.url, String(event.id), 3);
			expect(replayed.attempts.at(-1)?.status).toBe(200);
			await expectExecutionCount(published, before + 1);

			const created = await callSandbox('POST', '/contacts', {
				type: 'customer',
				firstName: 'After',
				lastName: 'Restart',
			});
			expect(created.status).toBe(201);
			const all = await expectExecutionCount(published, before + 2);
			expect(all.at(-1)?.output.Received).toEqual([
				expect.objectContaining({ data: expect.objectContaining({ firstName: 'After' }) }),
			]);
			expect(ranDownstream(all)).toHaveLength(3);
			figure(
				`regular: after a restart the retry of ${String(event.id)} started 1 execution ending at the trigger with no items ` +
					`(it took ${Date.parse(String(repeat.stoppedAt)) - Date.parse(String(repeat.startedAt))} ms) ` +
					`(nothing downstream), the replay after it started nothing; a new event ran downstream once`,
			);
		}),
	);
});

describe('"Only When These Fields Change"', () => {
	let published: Published;

	beforeAll(async () => {
		published = await publishTriggerWorkflow('Dedupe: when a contact email changes', {
			events: ['contact.updated'],
			output: 'record',
			options: { changedFields: 'email, phone' },
		});
	});

	afterAll(async () => {
		await unpublish(stack.client, published.workflow).catch(() => undefined);
	});

	it(
		'an update of other fields starts nothing; an update of a chosen field starts the workflow with the change',
		step(async () => {
			const created = await callSandbox('POST', '/contacts', {
				type: 'customer',
				firstName: 'Ines',
				email: 'ines@old.example.com',
			});
			expect(created.status).toBe(201);
			const contactId = created.body.data.id;

			const renamed = await callSandbox('PATCH', `/contacts/${String(contactId)}`, {
				firstName: 'Inès',
			});
			expect(renamed.status).toBe(200);
			const ignored = await waitFor(
				'the sandbox to record the answer to the contact.updated delivery for the rename',
				() =>
					stack.sandbox
						.deliveries()
						.find((d) => d.url === published.url && d.eventType === 'contact.updated'),
				{ until: (found) => found?.attempts.at(-1)?.status !== undefined, timeoutMs: 30_000 },
			);
			expect(ignored!.attempts.map((attempt) => attempt.status)).toEqual([200]);

			const moved = await callSandbox('PATCH', `/contacts/${String(contactId)}`, {
				email: 'ines@new.example.com',
			});
			expect(moved.status).toBe(200);
			const [execution] = await expectExecutionCount(published, 1);
			expect(execution.output[TRIGGER]).toEqual([
				expect.objectContaining({
					id: contactId,
					email: 'ines@new.example.com',
					eventType: 'contact.updated',
					changedFields: { email: { old: 'ines@old.example.com', new: 'ines@new.example.com' } },
				}),
			]);
			figure(
				'regular: changedFields "email, phone": rename → 200, no execution; email change → 1 execution with old/new email',
			);
		}),
	);
});
