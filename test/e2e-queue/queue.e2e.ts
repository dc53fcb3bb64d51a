/**
 * Queue mode end to end: this package in a scaled-out n8n 2.40.7 (one main, one webhook process,
 * two workers; Postgres and Redis started by the suite, see e2e/queue/), against the BuildWorkPro
 * sandbox. Checks correctness only (complete results, zero failures, exactly-once); timings and
 * rates are printed as figures and summed up at the end, never asserted.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { startQueueStack, type QueueProcess, type QueueStack } from '../../e2e/queue/topology';
import { packageName } from '../../e2e/lib/communityPackage';
import {
	createCredential,
	createWorkflow,
	getExecution,
	listExecutions,
	publish,
	unpublish,
	waitForExecution,
	type CredentialRef,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowNode,
} from '../../e2e/lib/n8nWorkflows';
import { NODE_VERSIONS, type NodeVersion } from '../../e2e/lib/nodeVersions';
import { groupAlive, waitFor } from '../../e2e/lib/process';
import { connectOAuthCredential, ensureChromium, openBrowser } from '../../e2e/lib/browser';
import { setUpOAuthCredential, type OAuthCredentialSetup } from '../../e2e/lib/stack';
import { SANDBOX_USER_PASSWORD } from '../../sandbox';

const NODE_TYPE = `${packageName}.buildWorkPro`;
const TRIGGER_TYPE = `${packageName}.buildWorkProTrigger`;
const SEEDED_CONTACTS = 300;
/** The rate-limit checks run on tenant 2's key, seeded with this many contacts (one page = 100). */
const PACED_CONTACTS = 6_000;
/** A strict, scaled-down limit (the bench scales 60/min to 60 per 2 s; this is a third of that). */
const STRICT = { keyLimit: 20, keyWindowMs: 2_000 };
/** Generous enough that nothing else in the suite is ever paced. */
const RELAXED = { keyLimit: 100_000, keyWindowMs: 60_000, tenantBudget: 10_000_000 };

let stack: QueueStack;
let tenant2: CredentialRef;
const figures: string[] = [];

function figure(line: string) {
	figures.push(line);
	console.log(line);
}

beforeAll(async () => {
	const started = Date.now();
	stack = await startQueueStack({
		version: process.env.N8N_E2E_VERSION,
		sandbox: { seed: SEEDED_CONTACTS, rateLimit: RELAXED },
		omitPackageOn: process.env.E2E_QUEUE_OMIT_PACKAGE_ON?.split(',').filter(Boolean),
	});
	stack.sandbox.seed(PACED_CONTACTS, 2);
	tenant2 = await createCredential(stack.client, {
		name: 'BuildWorkPro sandbox (tenant 2)',
		type: 'buildWorkProApi',
		data: { apiKey: stack.sandbox.keys.otherTenant, baseUrl: stack.sandbox.baseUrl },
	});
	figure(
		`queue mode up in ${Math.round((Date.now() - started) / 1000)} s: ` +
			stack
				.processes()
				.map((proc) => `${proc.name} ${proc.server.url}`)
				.join(', ') +
			`; postgres :${stack.postgres.port}, redis :${stack.redis.port}, sandbox ${stack.sandbox.url}`,
	);
}, 900_000);

afterAll(async () => {
	if (!stack) return;
	const groups = [
		...stack.processes().map((proc) => proc.server.process.child.pid!),
		stack.postgres.process.child.pid!,
		stack.redis.process.child.pid!,
	];
	const logs = await stack.stop();
	console.log(`n8n logs kept in ${logs}\n\nqueue-mode figures:\n  ${figures.join('\n  ')}`);
	for (const pid of groups) expect(groupAlive(pid)).toBe(false);
}, 120_000);

/** Wraps a test body so a failure also shows the end of every n8n process's log. */
function step(body: () => Promise<void>): () => Promise<void> {
	return async () => {
		try {
			await body();
		} catch (error) {
			const err = error as Error;
			for (const proc of stack?.processes() ?? [])
				err.message += `\n--- ${proc.name} log (last lines; ${proc.server.logFile}) ---\n${proc.server.logTail(15)}`;
			throw err;
		}
	};
}

const manualTrigger = (): WorkflowNode => ({
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
});

function buildWorkPro(
	name: string,
	parameters: Record<string, unknown>,
	{
		credential = stack.credential,
		settings = {},
		version = 1,
	}: { credential?: CredentialRef; settings?: Record<string, unknown>; version?: NodeVersion } = {},
): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: version,
		parameters: { resource: 'contact', ...parameters },
		credentials: { buildWorkProApi: { id: credential.id, name: credential.name } },
		...settings,
	};
}

/** Starts a manual run (main hands it to a worker: OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS) and returns its id. */
async function startRun(workflow: SavedWorkflow): Promise<string> {
	const started = await stack.client.post<{ executionId?: string }>(
		`/workflows/${workflow.id}/run`,
		{
			workflowData: workflow,
			triggerToStartFrom: { name: workflow.nodes[0].name },
			startNodes: [],
		},
	);
	if (!started.executionId)
		throw new Error(
			`n8n did not start an execution of "${workflow.name}": ${JSON.stringify(started)}`,
		);
	return started.executionId;
}

async function finished(executionId: string, timeoutMs = 180_000): Promise<ExecutionDetails> {
	return await waitForExecution(stack.main.server, stack.client, executionId, timeoutMs);
}

/** The worker that ran the execution; fails clearly when none of them logged it. */
async function ranOn(executionId: string): Promise<QueueProcess> {
	return await waitFor(
		`a worker to log "Worker started execution ${executionId}"`,
		() => stack.workerThatRan(executionId),
		{
			timeoutMs: 15_000,
		},
	);
}

/** The node's output, or a failure that says which worker ran it and what n8n reported. */
function succeeded(
	execution: ExecutionDetails,
	node = 'BuildWorkPro',
): Array<Record<string, unknown>> {
	if (execution.status !== 'success') {
		const worker = stack.workerThatRan(execution.id);
		const where = worker
			? ` on ${worker.name}${worker.packageInstalled ? '' : ` (whose user folder ${worker.userFolder} has no ${packageName} installed)`}`
			: '';
		throw new Error(
			`Execution ${execution.id}${where} ended "${execution.status}": ${execution.error?.message ?? JSON.stringify(execution.error)}` +
				(execution.error?.description ? ` (${execution.error.description})` : ''),
		);
	}
	return execution.output[node];
}

function lastSeq(): number {
	return stack.sandbox.requestLog().at(-1)?.seq ?? 0;
}

function apiRequests(method: string, path: string, since = 0, keyName?: string) {
	return stack.sandbox
		.requestLog()
		.filter(
			(entry) =>
				entry.seq > since &&
				entry.method === method &&
				entry.path === path &&
				(!keyName || entry.keyName === keyName),
		);
}

const sortedIds = (items: Array<{ id: unknown }>) =>
	items.map((item) => Number(item.id)).sort((a, b) => a - b);
const TENANT2_KEY_NAME = 'Sandbox tenant 2';
const tenant2Ids = () => sortedIds(stack.sandbox.contacts(2));

describe('n8n in queue mode runs the package on its workers', () => {
	it(
		'every process has the package installed from its tarball, and main offers both nodes',
		step(async () => {
			for (const proc of stack.processes()) {
				const installed = join(proc.userFolder, '.n8n', 'nodes', 'node_modules', packageName);
				let isDirectory = false;
				try {
					isDirectory = lstatSync(installed).isDirectory();
				} catch {
					// missing: reported below
				}
				if (!isDirectory)
					throw new Error(
						`${proc.name}: ${packageName} is not installed in its user folder (${installed})`,
					);
			}
			const nodeTypes = (await stack.client.send('GET', '/types/nodes.json')) as Array<{
				name: string;
			}>;
			const ours = new Set(
				nodeTypes.map((type) => type.name).filter((name) => name.startsWith(`${packageName}.`)),
			);
			expect(ours).toEqual(new Set([NODE_TYPE, `${NODE_TYPE}Tool`, TRIGGER_TYPE]));
		}),
	);

	it.each(NODE_VERSIONS)(
		'two Get Many (Return All) runs started together run on the two workers and return every contact (node version %i)',
		(version) =>
			step(async () => {
				const workflow = await createWorkflow(
					stack.client,
					`Queue: get all contacts (version ${version})`,
					[
						manualTrigger(),
						buildWorkPro('BuildWorkPro', { operation: 'getAll', returnAll: true }, { version }),
					],
				);
				const since = lastSeq();
				// Each worker takes one job at a time (--concurrency=1): two jobs at once need both workers.
				const ids = await Promise.all([startRun(workflow), startRun(workflow)]);
				const executions = await Promise.all(ids.map((id) => finished(id)));
				const expected = sortedIds(stack.sandbox.contacts());
				expect(expected).toHaveLength(SEEDED_CONTACTS);
				const workers: string[] = [];
				for (const execution of executions) {
					expect(execution.mode).toBe('manual');
					expect(sortedIds(succeeded(execution) as Array<{ id: unknown }>)).toEqual(expected);
					workers.push((await ranOn(execution.id)).name);
				}
				expect(new Set(workers).size).toBe(2);
				expect(apiRequests('GET', '/api/v1/contacts', since).length).toBeGreaterThanOrEqual(
					2 * Math.ceil(SEEDED_CONTACTS / 100),
				);
				figure(
					`Return All (version ${version}): executions ${ids.join(', ')} ran on ${workers.join(', ')}, ${SEEDED_CONTACTS} contacts each`,
				);
			})(),
	);

	it.each(NODE_VERSIONS)(
		'a create under commit-then-drop faults with Retry On Fail runs on a worker and creates the contact exactly once (node version %i)',
		(version) =>
			step(async () => {
				const email = `queue.${randomUUID().slice(0, 8)}@example.com`;
				const workflow = await createWorkflow(
					stack.client,
					`Queue: create a contact (version ${version})`,
					[
						manualTrigger(),
						buildWorkPro(
							'BuildWorkPro',
							{
								operation: 'create',
								type: 'customer',
								additionalFields: { firstName: 'Ada', lastName: 'Queue', email },
							},
							{ settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 100 }, version },
						),
					],
				);
				const since = lastSeq();
				// The sandbox commits the create, then drops the connection without answering: twice.
				stack.sandbox.injectFault({
					kind: 'commit-then-drop',
					method: 'POST',
					path: '/contacts',
					count: 2,
				});
				try {
					const execution = await finished(await startRun(workflow));
					const [created] = succeeded(execution);
					const worker = await ranOn(execution.id);
					expect(created).toMatchObject({ id: expect.any(Number), email, firstName: 'Ada' });
					expect(
						stack.sandbox.contacts().filter((contact) => contact.email === email),
					).toHaveLength(1);
					const posts = apiRequests('POST', '/api/v1/contacts', since);
					expect(posts.length).toBeGreaterThanOrEqual(3);
					expect(new Set(posts.map((post) => post.headers['idempotency-key'])).size).toBe(1);
					figure(
						`create (version ${version}): execution ${execution.id} on ${worker.name}: ${posts.length} POSTs (${posts.filter((post) => post.dropped).length} dropped after commit), ` +
							`1 Idempotency-Key, 1 contact created`,
					);
				} finally {
					stack.sandbox.clearFaults();
				}
			})(),
	);
});

describe('the BuildWorkPro Trigger across main, webhook process and workers', () => {
	let workflow: SavedWorkflow;
	const webhookId = randomUUID();
	const endpointUrl = () => `${stack.webhookUrl}/webhook/${webhookId}/webhook`;
	const liveEndpoints = () =>
		stack.sandbox.webhookEndpoints().filter((endpoint) => !endpoint.deleted);

	async function expectEndpointsSettleAt(count: number) {
		await waitFor(
			`the sandbox to hold ${count} live endpoint(s)`,
			() => liveEndpoints().length === count,
			{ timeoutMs: 30_000 },
		);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(liveEndpoints()).toHaveLength(count);
		return liveEndpoints();
	}

	const executionCount = async () => (await listExecutions(stack.client, workflow.id)).length;

	/** The sandbox's record of the event's delivery, once it holds `attempts` answered attempts. */
	const answeredDelivery = async (eventId: string, attempts = 1) =>
		(await waitFor(
			`the sandbox to record the answer to attempt ${attempts} of the delivery of ${eventId}`,
			() => stack.sandbox.deliveries().find((candidate) => candidate.eventId === eventId),
			{
				until: (found) =>
					(found?.attempts.length ?? 0) >= attempts && found?.attempts.at(-1)?.status !== undefined,
				timeoutMs: 30_000,
			},
		))!;

	beforeAll(async () => {
		workflow = await createWorkflow(stack.client, 'Queue: on contact changes', [
			{
				name: 'BuildWorkPro Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				webhookId,
				parameters: { events: ['contact.created', 'contact.updated'], output: 'event' },
				credentials: { buildWorkProApi: { id: stack.credential.id, name: stack.credential.name } },
			},
			{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
		]);
	});

	it(
		"publishing on main registers exactly one endpoint, at the webhook process's URL",
		step(async () => {
			await publish(stack.client, workflow);
			const [endpoint] = await expectEndpointsSettleAt(1);
			expect(endpoint.url).toBe(endpointUrl());
			expect(endpoint.url.startsWith(stack.main.server.url)).toBe(false);
			expect([...endpoint.eventTypes].sort()).toEqual(['contact.created', 'contact.updated']);
			figure(
				`trigger: 1 endpoint registered by main, pointing at the webhook process (${endpoint.url})`,
			);
		}),
	);

	it(
		'a real event is verified by the webhook process and runs on a worker',
		step(async () => {
			const before = await executionCount();
			const response = await fetch(`${stack.sandbox.baseUrl}/contacts`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${stack.sandbox.keys.full}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({ type: 'architect', firstName: 'Zaha', lastName: 'Queue' }),
			});
			expect(response.status).toBe(201);
			const created = (await response.json()) as { data: { id: number } };
			const summary = await waitFor(
				'the delivery to start an execution of the trigger workflow',
				async () => {
					const executions = await listExecutions(stack.client, workflow.id);
					if (executions.length > before) return executions[0];
					throw new Error(
						`no execution yet; sandbox deliveries: ${JSON.stringify(stack.sandbox.deliveries())}`,
					);
				},
				{ timeoutMs: 45_000 },
			);
			const execution = await finished(summary.id, 60_000);
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			const [event] = execution.output['BuildWorkPro Trigger'];
			expect(event).toMatchObject({
				type: 'contact.created',
				data: { id: created.data.id, firstName: 'Zaha' },
			});
			// The execution can be found (even finished, on a worker) before the webhook process's answer
			// reaches the sandbox, which records the attempt only then: wait for the recorded 200.
			const delivery = await waitFor(
				`the sandbox to record the webhook process's 200 to the delivery of ${event.id}`,
				() => stack.sandbox.deliveries().find((candidate) => candidate.eventId === event.id),
				{ until: (found) => found?.attempts.at(-1)?.status === 200, timeoutMs: 30_000 },
			);
			expect(delivery?.url).toBe(endpointUrl());
			expect(delivery?.attempts.at(-1)?.status).toBe(200);
			const worker = await ranOn(execution.id);
			// Main serves no production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): the same path there is not ours.
			const atMain = await stack.sandbox.sendDelivery({
				url: endpointUrl().replace(stack.webhookUrl, stack.main.server.url),
			});
			expect(atMain.status).not.toBe(200);
			figure(
				`trigger: event ${event.id} accepted by the webhook process (200), execution ${execution.id} ran on ${worker.name}; ` +
					`the same signed delivery to main: ${atMain.status}`,
			);
		}),
	);

	it(
		'forged, stale and unsigned deliveries to the webhook process get 401 and start nothing',
		step(async () => {
			const before = await executionCount();
			// The real signing secret, from the workflow's static data (main wrote it when publishing; the
			// webhook process read it to verify the real event): so "stale" is refused for its age alone.
			// Main saves it once the endpoint is registered (2.x publishes in the background): wait for it
			// whenever n8n's answer carries static data at all.
			const signingSecretIn = (workflowData: { staticData?: unknown }) =>
				JSON.stringify(workflowData.staticData ?? {}).match(/"signingSecret":"([^"]+)"/)?.[1];
			const saved = await waitFor(
				"main to keep the endpoint's signing secret in the workflow's static data",
				() => stack.client.get<{ staticData?: unknown }>(`/workflows/${workflow.id}`),
				{
					until: (found) => !('staticData' in found) || signingSecretIn(found) !== undefined,
					show: (found) =>
						'staticData' in found ? found.staticData : '(no staticData in the answer)',
					timeoutMs: 30_000,
				},
			);
			const secret = signingSecretIn(saved);
			const statuses: Record<string, number> = {};
			for (const signature of ['bad', 'stale', 'none'] as const)
				statuses[signature] = (
					await stack.sandbox.sendDelivery({ url: endpointUrl(), signature, secret })
				).status;
			expect(statuses).toEqual({ bad: 401, stale: 401, none: 401 });
			// Executions start asynchronously on a worker: give a wrongly accepted one time to show up.
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			expect(await executionCount()).toBe(before);
			figure(
				`trigger: forged/stale/unsigned → ${statuses.bad}/${statuses.stale}/${statuses.none}, no execution started ` +
					`(stale signed with ${secret ? 'the real secret, read from static data' : 'a default secret: static data not readable over REST'})`,
			);
		}),
	);

	it(
		'an event delivered again after its execution finished on a worker starts nothing',
		step(async () => {
			const before = await listExecutions(stack.client, workflow.id);
			const response = await fetch(`${stack.sandbox.baseUrl}/contacts`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${stack.sandbox.keys.full}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({ type: 'customer', firstName: 'Once', lastName: 'Queue' }),
			});
			expect(response.status).toBe(201);
			const summary = await waitFor(
				'the delivery to start an execution of the trigger workflow',
				async () => {
					const executions = await listExecutions(stack.client, workflow.id);
					return executions.find((execution) => !before.some((old) => old.id === execution.id));
				},
				{ timeoutMs: 45_000 },
			);
			const first = await finished(summary.id, 60_000);
			expect(first.status).toBe('success');
			const [event] = first.output['BuildWorkPro Trigger'];
			const delivery = await answeredDelivery(String(event.id));
			expect(delivery.attempts.at(-1)?.status).toBe(200);
			const worker = await ranOn(first.id);

			// The same event again, now that its execution has finished on a worker: once as
			// BuildWorkPro's retry (the same bytes, freshly signed), once as a replay through its API.
			const saved = await stack.client.get<{ staticData?: unknown }>(`/workflows/${workflow.id}`);
			const secret = JSON.stringify(saved.staticData ?? {}).match(/"signingSecret":"([^"]+)"/)?.[1];
			expect(secret).toBeDefined();
			const retry = await stack.sandbox.sendDelivery({
				url: endpointUrl(),
				secret,
				event,
				rawBody: JSON.stringify(event),
			});
			expect(retry.status).toBe(200);
			const replay = await fetch(
				`${stack.sandbox.baseUrl}/webhook-deliveries/${delivery.id}/replay`,
				{ method: 'POST', headers: { authorization: `Bearer ${stack.sandbox.keys.full}` } },
			);
			expect(replay.status).toBe(200);
			const replayed = await answeredDelivery(String(event.id), 2);
			expect(replayed.attempts.at(-1)?.status).toBe(200);

			// Executions start asynchronously on a worker: give a wrongly started one time to show up.
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			const started = (await listExecutions(stack.client, workflow.id)).filter(
				(execution) => !before.some((old) => old.id === execution.id),
			);
			expect(started.map((execution) => execution.id)).toEqual([first.id]);
			expect(first.output.Received).toHaveLength(1);
			figure(
				`trigger: event ${String(event.id)} ran once on ${worker.name}; delivered again after that (retry → ${retry.status} ${retry.body}, ` +
					`replay → ${replayed.attempts.at(-1)?.status}): ${started.length} execution in all`,
			);
		}),
	);

	it(
		'republishing leaves exactly one endpoint, unpublishing none',
		step(async () => {
			await unpublish(stack.client, workflow);
			await expectEndpointsSettleAt(0);
			await publish(stack.client, workflow);
			const [endpoint] = await expectEndpointsSettleAt(1);
			expect(endpoint.url).toBe(endpointUrl());
			await unpublish(stack.client, workflow);
			await expectEndpointsSettleAt(0);
			figure('trigger: unpublish → 0, republish → 1, unpublish → 0 endpoints');
		}),
	);
});

/** Figures for one key's paced Return Alls: requests, 429s, and the steady-state rate against the bound. */
function pacingFigures(since: number, records: number) {
	const requests = apiRequests('GET', '/api/v1/contacts', since, TENANT2_KEY_NAME);
	const times = requests.map((entry) => Date.parse(entry.at));
	const refused = requests.filter((entry) => entry.status === 429).length;
	const served = requests.length - refused;
	const spanMs = Math.max(1, Math.max(...times) - Math.min(...times));
	const boundPerSecond = (STRICT.keyLimit * 100) / (STRICT.keyWindowMs / 1000);
	// The first window's budget is free (a burst at t=0): steady state is what comes after it.
	const steadyPages = Math.max(0, served - STRICT.keyLimit);
	const steadyPerSecond = (steadyPages * 100) / (spanMs / 1000);
	const overallPerSecond = records / (spanMs / 1000);
	return {
		requests: requests.length,
		refused,
		served,
		spanMs,
		boundPerSecond,
		steadyPerSecond,
		overallPerSecond,
	};
}

describe('two workers sharing one API key under a strict rate limit', () => {
	beforeAll(() => stack.sandbox.setRateLimit({ ...STRICT, tenantBudget: 10_000_000 }));
	afterAll(() => stack.sandbox.setRateLimit(RELAXED));

	it(
		'Return Alls running on both workers at once both complete, with zero failed executions',
		step(async () => {
			const workflow = await createWorkflow(stack.client, 'Queue: paced get all (tenant 2)', [
				manualTrigger(),
				buildWorkPro(
					'BuildWorkPro',
					{ operation: 'getAll', returnAll: true },
					{ credential: tenant2 },
				),
			]);
			const since = lastSeq();
			const ids = await Promise.all([startRun(workflow), startRun(workflow)]);
			const executions = await Promise.all(ids.map((id) => finished(id, 200_000)));
			const expected = tenant2Ids();
			const workers: string[] = [];
			for (const execution of executions) {
				expect(sortedIds(succeeded(execution) as Array<{ id: unknown }>)).toEqual(expected);
				workers.push((await ranOn(execution.id)).name);
			}
			expect(new Set(workers).size).toBe(2);
			const f = pacingFigures(since, 2 * PACED_CONTACTS);
			figure(
				`rate limit (${STRICT.keyLimit} requests per ${STRICT.keyWindowMs / 1000} s on one key, bound ${f.boundPerSecond} records/s): ` +
					`2 Return Alls of ${PACED_CONTACTS} on ${workers.join(' + ')}: ${f.served} pages served, ${f.refused} answered 429, ` +
					`${(f.spanMs / 1000).toFixed(1)} s; combined steady-state ${Math.round(f.steadyPerSecond)} records/s = ` +
					`${Math.round((100 * f.steadyPerSecond) / f.boundPerSecond)} % of the bound ` +
					`(overall incl. the first free burst ${Math.round(f.overallPerSecond)} records/s); 0 failed executions`,
			);
		}),
	);
});

describe('a worker killed mid-execution (SIGKILL)', () => {
	/** Polls the execution until n8n settles on a final status (or gives up, and says so). */
	async function whatN8nDoes(executionId: string, sinceKill: number): Promise<string> {
		const seen: string[] = [];
		try {
			await waitFor(
				`n8n to settle execution ${executionId} after the kill`,
				async () => {
					const execution = await getExecution(stack.main.server, stack.client, executionId);
					const label = `${execution.status} after ${Math.round((Date.now() - sinceKill) / 1000)} s`;
					if (seen.at(-1)?.split(' after')[0] !== execution.status) seen.push(label);
					if (!['crashed', 'error', 'success', 'canceled'].includes(execution.status))
						return undefined;
					if (execution.error?.message) seen[seen.length - 1] += ` ("${execution.error.message}")`;
					return execution;
				},
				{ timeoutMs: 90_000, intervalMs: 1_000 },
			);
		} catch {
			seen.push(`still not final after ${Math.round((Date.now() - sinceKill) / 1000)} s`);
		}
		const ranBy = stack.workers.filter((worker) => {
			try {
				return readFileSync(worker.server.logFile, 'utf8').includes(
					`Worker started execution ${executionId} (`,
				);
			} catch {
				return false;
			}
		});
		return `${seen.join(' → ')}; started by ${ranBy.map((worker) => worker.name).join(' and ') || 'no worker'} (not re-run elsewhere: ${ranBy.length <= 1})`;
	}

	beforeAll(() => stack.sandbox.setRateLimit({ ...STRICT, tenantBudget: 10_000_000 }));
	afterAll(() => stack.sandbox.setRateLimit(RELAXED));

	it(
		'in the middle of a paced Return All: n8n records the execution as it does, and a re-run completes',
		step(async () => {
			const workflow = await createWorkflow(stack.client, 'Queue: paced get all, killed', [
				manualTrigger(),
				buildWorkPro(
					'BuildWorkPro',
					{ operation: 'getAll', returnAll: true },
					{ credential: tenant2 },
				),
			]);
			const since = lastSeq();
			const id = await startRun(workflow);
			const victim = await ranOn(id);
			// Past the first free burst: the worker is pacing.
			await waitFor(
				'the Return All to be past its first window',
				() =>
					apiRequests('GET', '/api/v1/contacts', since, TENANT2_KEY_NAME).length >=
					STRICT.keyLimit + 5,
				{
					timeoutMs: 60_000,
					intervalMs: 100,
				},
			);
			const pagesBeforeKill = apiRequests(
				'GET',
				'/api/v1/contacts',
				since,
				TENANT2_KEY_NAME,
			).length;
			const killedAt = Date.now();
			await stack.killWorker(victim);
			const outcome = await whatN8nDoes(id, killedAt);
			figure(
				`killed ${victim.name} after ${pagesBeforeKill} of ${PACED_CONTACTS / 100} pages of execution ${id}: ${outcome}`,
			);
			await stack.restartWorker(victim);

			const rerun = await finished(await startRun(workflow), 200_000);
			expect(sortedIds(succeeded(rerun) as Array<{ id: unknown }>)).toEqual(tenant2Ids());
			figure(
				`  re-run ${rerun.id} on ${(await ranOn(rerun.id)).name}: success, all ${PACED_CONTACTS} contacts`,
			);
		}),
	);

	it(
		'in the middle of a create run: a re-run with the Idempotency Key option creates nothing twice',
		step(async () => {
			stack.sandbox.setRateLimit(RELAXED);
			const email = `killed.${randomUUID().slice(0, 8)}@example.com`;
			const workflow = await createWorkflow(stack.client, 'Queue: create, killed', [
				manualTrigger(),
				buildWorkPro('BuildWorkPro', {
					operation: 'create',
					type: 'subcontractor',
					additionalFields: { firstName: 'Grace', lastName: 'Killed', email },
					options: { idempotencyKey: `form-submission-${email}` },
				}),
				// Reads the contact back; held up by the sandbox on the first run so the kill lands mid-run, after the create.
				buildWorkPro('Read back', { operation: 'get', contactId: '={{ $json.id }}' }),
			]);
			const since = lastSeq();
			stack.sandbox.injectFault({
				kind: 'slow',
				method: 'GET',
				path: '/contacts/*',
				delayMs: 20_000,
				count: 1,
			});
			try {
				const id = await startRun(workflow);
				const victim = await ranOn(id);
				await waitFor(
					'the create to be committed and the read-back to be in flight',
					() =>
						stack.sandbox
							.requestLog()
							.some(
								(entry) =>
									entry.seq > since &&
									entry.method === 'GET' &&
									entry.path.startsWith('/api/v1/contacts/'),
							),
					{ timeoutMs: 60_000, intervalMs: 100 },
				);
				expect(stack.sandbox.contacts().filter((contact) => contact.email === email)).toHaveLength(
					1,
				);
				const killedAt = Date.now();
				await stack.killWorker(victim);
				const outcome = await whatN8nDoes(id, killedAt);
				figure(
					`killed ${victim.name} after the create of execution ${id} was committed: ${outcome}`,
				);
				stack.sandbox.clearFaults();
				await stack.restartWorker(victim);

				const rerun = await finished(await startRun(workflow));
				const [readBack] = succeeded(rerun, 'Read back');
				const matching = stack.sandbox.contacts().filter((contact) => contact.email === email);
				expect(matching).toHaveLength(1);
				expect(readBack.id).toBe(matching[0].id);
				const posts = apiRequests('POST', '/api/v1/contacts', since);
				expect(posts).toHaveLength(2);
				expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
				figure(
					`  re-run ${rerun.id} on ${(await ranOn(rerun.id)).name}: success, same Idempotency-Key, still 1 contact (id ${matching[0].id})`,
				);
			} finally {
				stack.sandbox.clearFaults();
			}
		}),
	);
});

describe('OAuth2: two workers meet an expired access token at the same moment', () => {
	it(
		'both executions run; the token family is measured (rotations, revoked or not)',
		step(async () => {
			// Connected the way a person does it (e2e/lib/browser.ts), on main's editor.
			const browser = await openBrowser(ensureChromium());
			let setup: OAuthCredentialSetup;
			try {
				setup = await setUpOAuthCredential(stack.sandbox, stack.client, stack.main.server.url, {
					name: 'BuildWorkPro OAuth2 (queue)',
				});
				await connectOAuthCredential(browser.page, {
					n8nUrl: stack.main.server.url,
					credentialId: setup.credential.id,
					redirectUrl: setup.redirectUrl,
					email: 'dana.whitaker@tenant1.example.com',
					password: SANDBOX_USER_PASSWORD,
				});
			} finally {
				await browser.close();
			}
			const family = () =>
				stack.sandbox.oauth.families().find((candidate) => candidate.clientId === setup.clientId)!;
			expect(family()).toMatchObject({ revokedReason: null, rotations: 0 });
			const workflow = await createWorkflow(stack.client, 'Queue: get contacts over OAuth2', [
				manualTrigger(),
				{
					name: 'BuildWorkPro',
					type: NODE_TYPE,
					typeVersion: 1,
					parameters: {
						authentication: 'oAuth2',
						resource: 'contact',
						operation: 'getAll',
						returnAll: false,
						limit: 5,
					},
					credentials: {
						buildWorkProOAuth2Api: { id: setup.credential.id, name: setup.credential.name },
					},
				},
			]);
			// Warm both workers up with a valid token (each has then decrypted the credential once).
			const warm = await Promise.all([startRun(workflow), startRun(workflow)]);
			for (const execution of await Promise.all(warm.map((id) => finished(id))))
				succeeded(execution);

			const rounds = 3;
			const outcomes: string[] = [];
			const failures: ExecutionDetails[] = [];
			for (let round = 1; round <= rounds && family().revokedReason === null; round++) {
				stack.sandbox.oauth.expireAccessTokens();
				const since = lastSeq();
				const ids = await Promise.all([startRun(workflow), startRun(workflow)]);
				const executions = await Promise.all(ids.map((id) => finished(id)));
				failures.push(...executions.filter((execution) => execution.status !== 'success'));
				const workers = await Promise.all(
					executions.map(async (execution) => (await ranOn(execution.id)).name),
				);
				const refreshes = apiRequests('POST', '/api/v1/oauth/token', since).filter((entry) =>
					String(entry.body).includes('grant_type=refresh_token'),
				);
				const now = family();
				outcomes.push(
					`round ${round}: ${executions.map((execution, index) => `${execution.status} on ${workers[index]}`).join(', ')}; ` +
						`refreshes ${refreshes.map((entry) => entry.status).join('/') || 'none'}; family rotations ${now.rotations}, revoked: ${now.revokedReason ?? 'no'}`,
				);
			}
			const last = family();
			figure(
				`OAuth2 refresh race across two workers (n8n ${stack.prepared.install.version}): ${outcomes.join(' | ')} → family ${last.revokedReason ? `REVOKED (${last.revokedReason})` : 'survived'}`,
			);
			// The outcome of the race is measured, not asserted; a run that loses it must tell the user what to do.
			for (const failure of failures)
				expect(failure.error?.message).toMatch(/reconnect the credential/);
		}),
		300_000,
	);
});
