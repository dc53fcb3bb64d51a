/**
 * End to end: this package, packed and installed into a real n8n the way users install it, runs
 * against the BuildWorkPro sandbox. Everything goes through n8n's own REST API (what its editor
 * uses): credentials, workflows, manual runs, publishing. Results are checked both in n8n's
 * execution data and in the sandbox's state and request log. The action node's checks run on both
 * of its versions: 1 (what saved workflows run, IDs as text) and 2 (IDs as resource locators).
 */
import { lstatSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

import { startStack, type Stack, stepShowingN8nLog } from '../../e2e/lib/stack';
import {
	createCredential,
	createWorkflow,
	listExecutions,
	publish,
	publishAndWaitForOutcome,
	runManually,
	testCredential,
	unpublish,
	waitForExecution,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowNode,
	manualTrigger,
} from '../../e2e/lib/n8nWorkflows';
import { groupAlive, waitFor } from '../../e2e/lib/process';
import { packageName } from '../../e2e/lib/communityPackage';
import {
	NODE_VERSIONS,
	linkId,
	recordId,
	wholeRecords,
	type NodeVersion,
} from '../../e2e/lib/nodeVersions';
import { resourceOptions } from '../../nodes/BuildWorkPro/resources';

interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	properties: Array<{ name: string; options?: Array<{ value: unknown }> }>;
}

const NODE_TYPE = `${packageName}.buildWorkPro`;
const TRIGGER_TYPE = `${packageName}.buildWorkProTrigger`;
const SEEDED_CONTACTS = 300;
const UNKNOWN_KEY = 'bwp_test_no_such_key_0000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let stack: Stack;

beforeAll(async () => {
	// n8n runs under a watchdog (e2e/lib/watchdog.cjs): even a Ctrl-C here never leaves it behind.
	stack = await startStack({
		version: process.env.N8N_E2E_VERSION,
		sandbox: { seed: SEEDED_CONTACTS },
	});
	console.log(
		`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}`,
	);
}, 900_000);

afterAll(async () => {
	if (!stack) return;
	const pid = stack.n8n.process.child.pid!; // after a restart: the current n8n's group
	const log = await stack.stop();
	console.log(`n8n log kept at ${log}`);
	expect(groupAlive(pid)).toBe(false);
}, 60_000);

/** A test body whose failure also shows the end of n8n's log. */
const step = stepShowingN8nLog(() => stack?.n8n);

function buildWorkPro(
	name: string,
	parameters: Record<string, unknown>,
	credential = stack.credential,
	version: NodeVersion = 1,
): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: version,
		parameters: { resource: 'contact', ...parameters },
		credentials: { buildWorkProApi: { id: credential.id, name: credential.name } },
	};
}

/** Version 1's workflow names as they always were; version 2's marked. */
const named = (version: NodeVersion, name: string) =>
	version === 1 ? name : `${name} (version 2)`;

/** Every execution the suite looked at, for the final check that no secret leaked into them. */
const executionsSeen: ExecutionDetails[] = [];

async function run(workflow: SavedWorkflow): Promise<ExecutionDetails> {
	const execution = await runManually(stack.n8n, stack.client, workflow);
	executionsSeen.push(execution);
	return execution;
}

/** Saves a "manual trigger → BuildWorkPro" workflow, runs it, and returns the execution. */
async function runContactWorkflow(
	name: string,
	parameters: Record<string, unknown>,
	version: NodeVersion = 1,
): Promise<ExecutionDetails> {
	const workflow = await createWorkflow(stack.client, named(version, name), [
		manualTrigger(),
		buildWorkPro('BuildWorkPro', parameters, stack.credential, version),
	]);
	return await run(workflow);
}

function succeeded(execution: ExecutionDetails): Array<Record<string, unknown>> {
	if (execution.status !== 'success')
		throw new Error(
			`Execution ${execution.id} ended "${execution.status}": ${JSON.stringify(execution.error)}`,
		);
	return execution.output.BuildWorkPro;
}

function apiRequests(method: string, path: string, since = 0) {
	return stack.sandbox
		.requestLog()
		.filter((entry) => entry.seq > since && entry.method === method && entry.path === path);
}

function lastSeq(): number {
	return stack.sandbox.requestLog().at(-1)?.seq ?? 0;
}

async function callSandbox(method: string, path: string, body?: unknown) {
	const response = await fetch(`${stack.sandbox.baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${stack.sandbox.keys.full}`,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}

describe('the package installed into a real n8n', () => {
	it(
		'is installed from its tarball as a real directory, and n8n loads both nodes and both credentials',
		step(async () => {
			const installed = `${stack.n8n.userFolder}/.n8n/nodes/node_modules/${packageName}`;
			expect(lstatSync(installed).isSymbolicLink()).toBe(false);
			expect(lstatSync(installed).isDirectory()).toBe(true);

			// What the editor loads when it opens: every node type's description.
			const fetchStarted = Date.now();
			const nodeTypes = (await stack.client.send(
				'GET',
				'/types/nodes.json',
			)) as NodeTypeDescription[];
			const fetchMs = Date.now() - fetchStarted;
			const ours = nodeTypes.filter((type) => type.name.startsWith(`${packageName}.`));
			// n8n derives an AI-agent tool variant from every node marked usableAsTool (not the trigger).
			expect([...new Set(ours.map((type) => type.name))].sort()).toEqual(
				[NODE_TYPE, `${NODE_TYPE}Tool`, TRIGGER_TYPE].sort(),
			);
			const node = ours.find((type) => type.name === NODE_TYPE);
			expect(node?.displayName).toBe('BuildWorkPro');
			// Every resource the package offers made it into the editor (n8n adds its "Custom API Call").
			const resources = node?.properties
				.find((property) => property.name === 'resource')
				?.options?.map((option) => option.value)
				.filter((value) => value !== '__CUSTOM_API_CALL__');
			expect(resources).toEqual(resourceOptions.map((option) => option.value));
			const kb = (value: unknown) => Math.round(JSON.stringify(value).length / 1024);
			console.log(
				`n8n started with the package in ${(stack.n8n.startupMs / 1000).toFixed(1)} s; the editor's /types/nodes.json: ${kb(nodeTypes)} KB in ${fetchMs} ms, ` +
					`of which the BuildWorkPro node ${kb(node)} KB (versions ${[node?.version].flat().join(', ')}; ${node?.properties.length} parameters, ${resources?.length} resources), its Tool variant ${kb(ours.find((type) => type.name === `${NODE_TYPE}Tool`))} KB, the trigger ${kb(ours.find((type) => type.name === TRIGGER_TYPE))} KB`,
			);

			const credentialTypes = (await stack.client.send('GET', '/types/credentials.json')) as Array<{
				name: string;
			}>;
			const names = credentialTypes.map((type) => type.name);
			expect(names).toEqual(expect.arrayContaining(['buildWorkProApi', 'buildWorkProOAuth2Api']));
		}),
	);

	it(
		'passes the credential test with a valid key and fails it clearly for an unknown key',
		step(async () => {
			const valid = await testCredential(stack.client, stack.credential, {
				apiKey: stack.sandbox.keys.full,
				baseUrl: stack.sandbox.baseUrl,
			});
			expect(valid).toMatchObject({ status: 'OK' });

			const unknownData = { apiKey: UNKNOWN_KEY, baseUrl: stack.sandbox.baseUrl };
			const unknown = await createCredential(stack.client, {
				name: 'Unknown key',
				type: 'buildWorkProApi',
				data: unknownData,
			});
			const since = lastSeq();
			const failed = await testCredential(stack.client, unknown, unknownData);
			expect(failed.status).toBe('Error');
			expect(failed.message).toBeTruthy();
			expect(failed.message).not.toContain(unknownData.apiKey);
			expect(apiRequests('GET', '/api/v1/me', since).map((entry) => entry.status)).toContain(401);
		}),
	);
});

describe.each(NODE_VERSIONS)('the BuildWorkPro node, version %i, in a workflow', (version) => {
	it(
		'Get Many with Return All returns every contact, one item each, across pages',
		step(async () => {
			const since = lastSeq();
			const items = succeeded(
				await runContactWorkflow(
					'Get all contacts',
					{ operation: 'getAll', returnAll: true, ...wholeRecords(version) },
					version,
				),
			);
			const expectedIds = stack.sandbox
				.contacts()
				.map((contact) => contact.id)
				.sort((a, b) => a - b);
			// The seeded contacts, and on version 2 the one version 1's Create with a key left behind.
			expect(expectedIds.length).toBeGreaterThanOrEqual(SEEDED_CONTACTS);
			expect(items.map((item) => item.id as number).sort((a, b) => a - b)).toEqual(expectedIds);
			expect(items[0]).toEqual(
				expect.objectContaining({
					id: expect.any(Number),
					type: expect.any(String),
					createdAt: expect.any(String),
				}),
			);
			expect(items[0]).not.toHaveProperty('meta');
			expect(apiRequests('GET', '/api/v1/contacts', since).length).toBeGreaterThan(1);
		}),
	);

	it(
		'Get Many with a Limit returns that many and asks for no more',
		step(async () => {
			const since = lastSeq();
			const items = succeeded(
				await runContactWorkflow(
					'Get 7 contacts',
					{ operation: 'getAll', returnAll: false, limit: 7 },
					version,
				),
			);
			expect(items).toHaveLength(7);
			const requests = apiRequests('GET', '/api/v1/contacts', since);
			expect(requests).toHaveLength(1);
			expect(Number(requests[0].query.limit)).toBeLessThanOrEqual(7);
		}),
	);

	it(
		'Get Many with a type filter returns exactly the contacts of that type',
		step(async () => {
			const since = lastSeq();
			const items = succeeded(
				await runContactWorkflow(
					'Get vendors',
					{ operation: 'getAll', returnAll: true, filters: { type: 'vendor' } },
					version,
				),
			);
			const vendors = stack.sandbox.contacts().filter((contact) => contact.type === 'vendor');
			expect(vendors.length).toBeGreaterThan(0);
			expect(items.map((item) => item.id).sort()).toEqual(
				vendors.map((contact) => contact.id).sort(),
			);
			expect(
				apiRequests('GET', '/api/v1/contacts', since).every(
					(entry) => entry.query.type === 'vendor',
				),
			).toBe(true);
		}),
	);

	// Version 2's Simplify, on by default: the fields people read first, not the whole record.
	if (version === 2)
		it(
			'Get Many with Simplify on (the default) gives at most ten fields of each contact, its ID among them, and asks BuildWorkPro for compact items',
			step(async () => {
				const since = lastSeq();
				const items = succeeded(
					await runContactWorkflow(
						'Get all contacts, simplified',
						{ operation: 'getAll', returnAll: true },
						version,
					),
				);
				const stored = new Map(stack.sandbox.contacts().map((contact) => [contact.id, contact]));
				expect(items).toHaveLength(stored.size);
				for (const item of items) {
					const fields = Object.keys(item);
					expect(fields).toContain('id');
					expect(fields.length).toBeLessThanOrEqual(10);
					// What is kept is the record's own values.
					const record = JSON.parse(JSON.stringify(stored.get(item.id as number)));
					expect(item).toEqual(Object.fromEntries(fields.map((field) => [field, record[field]])));
				}
				const lists = apiRequests('GET', '/api/v1/contacts', since);
				expect(lists.length).toBeGreaterThan(1);
				expect(lists.map((entry) => entry.query.compact)).toEqual(lists.map(() => 'true'));
			}),
		);

	let createdId: number;

	it(
		'Create adds the contact and sends an Idempotency-Key',
		step(async () => {
			const since = lastSeq();
			const email = `ada.${randomUUID().slice(0, 8)}@example.com`;
			const [created] = succeeded(
				await runContactWorkflow(
					'Create a contact',
					{
						operation: 'create',
						type: 'customer',
						additionalFields: { firstName: 'Ada', lastName: 'Lovelace', email },
					},
					version,
				),
			);
			expect(created).toMatchObject({
				id: expect.any(Number),
				firstName: 'Ada',
				lastName: 'Lovelace',
				email,
				type: 'customer',
			});
			createdId = created.id as number;
			expect(stack.sandbox.contacts().filter((contact) => contact.email === email)).toHaveLength(1);
			const [post] = apiRequests('POST', '/api/v1/contacts', since);
			expect(post.headers['idempotency-key']).toMatch(UUID);
		}),
	);

	it(
		'Create with an Idempotency Key option sends the same key every run, so BuildWorkPro creates the contact once',
		step(async () => {
			const since = lastSeq();
			const email = `grace.${randomUUID().slice(0, 8)}@example.com`;
			const workflow = await createWorkflow(
				stack.client,
				named(version, 'Create from a form submission'),
				[
					manualTrigger(),
					buildWorkPro(
						'BuildWorkPro',
						{
							operation: 'create',
							type: 'subcontractor',
							additionalFields: { firstName: 'Grace', lastName: 'Hopper', email },
							options: { idempotencyKey: `form-submission-${email}` },
						},
						stack.credential,
						version,
					),
				],
			);
			const first = succeeded(await run(workflow));
			const second = succeeded(await run(workflow));
			expect(second[0].id).toBe(first[0].id);
			const posts = apiRequests('POST', '/api/v1/contacts', since);
			expect(posts).toHaveLength(2);
			expect(posts[0].headers['idempotency-key']).toMatch(UUID);
			expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
			expect(stack.sandbox.contacts().filter((contact) => contact.email === email)).toHaveLength(1);
		}),
	);

	it(
		'Get returns the contact by its ID, the whole record',
		step(async () => {
			const since = lastSeq();
			const [fetched] = succeeded(
				await runContactWorkflow(
					'Get a contact',
					{ operation: 'get', contactId: recordId(version, createdId), ...wholeRecords(version) },
					version,
				),
			);
			const stored = stack.sandbox.contacts().find((contact) => contact.id === createdId);
			expect(fetched).toEqual(JSON.parse(JSON.stringify(stored)));
			expect(apiRequests('GET', `/api/v1/contacts/${createdId}`, since)).toHaveLength(1);
		}),
	);

	if (version === 2)
		it(
			'Get with Simplify on (the default) gives at most ten fields of the contact, its ID among them',
			step(async () => {
				const [fetched] = succeeded(
					await runContactWorkflow(
						'Get a contact, simplified',
						{ operation: 'get', contactId: recordId(version, createdId) },
						version,
					),
				);
				const stored = JSON.parse(
					JSON.stringify(stack.sandbox.contacts().find((contact) => contact.id === createdId)),
				);
				const fields = Object.keys(fetched);
				expect(fields).toContain('id');
				expect(fields.length).toBeLessThanOrEqual(10);
				expect(fields.length).toBeLessThan(Object.keys(stored).length);
				expect(fetched).toEqual(Object.fromEntries(fields.map((field) => [field, stored[field]])));
			}),
		);

	it(
		'Update changes only the given fields',
		step(async () => {
			const since = lastSeq();
			const [updated] = succeeded(
				await runContactWorkflow(
					'Update a contact',
					{
						operation: 'update',
						contactId: recordId(version, createdId),
						updateFields: { phone: '+1 555 0100', companyName: 'Analytical Engines Ltd' },
					},
					version,
				),
			);
			expect(updated).toMatchObject({
				id: createdId,
				phone: '+1 555 0100',
				companyName: 'Analytical Engines Ltd',
				firstName: 'Ada',
			});
			const stored = stack.sandbox.contacts().find((contact) => contact.id === createdId);
			expect(stored).toMatchObject({
				phone: '+1 555 0100',
				companyName: 'Analytical Engines Ltd',
				firstName: 'Ada',
			});
			const [patch] = apiRequests('PATCH', `/api/v1/contacts/${createdId}`, since);
			expect(patch.headers['idempotency-key']).toMatch(UUID);
		}),
	);

	it(
		'Update with a link field (Parent Contact) links the contact to that record',
		step(async () => {
			const parent = stack.sandbox.contacts().find((contact) => contact.id !== createdId)!;
			const since = lastSeq();
			const [updated] = succeeded(
				await runContactWorkflow(
					'Link a contact to its company',
					{
						operation: 'update',
						contactId: recordId(version, createdId),
						updateFields: { parentContactId: linkId(version, parent.id) },
					},
					version,
				),
			);
			expect(updated).toMatchObject({ id: createdId, parentContactId: parent.id });
			expect(stack.sandbox.contacts().find((contact) => contact.id === createdId)).toMatchObject({
				parentContactId: parent.id,
			});
			const [patch] = apiRequests('PATCH', `/api/v1/contacts/${createdId}`, since);
			expect(patch.body).toEqual({ parentContactId: parent.id });
		}),
	);

	// Version 1's link fields are number fields: only version 2 can be given text there.
	if (version === 2)
		it(
			'a link field that is no number fails before anything is sent',
			step(async () => {
				const since = lastSeq();
				const execution = await runContactWorkflow(
					'Link a contact to a bad ID',
					{
						operation: 'update',
						contactId: recordId(version, createdId),
						updateFields: { parentContactId: linkId(version, 'acme') },
					},
					version,
				);
				expect(execution.status).toBe('error');
				expect(execution.error?.message).toMatch(
					/ must be a positive whole number, but it is "acme"$/,
				);
				expect(execution.error?.description).toMatch(/Nothing was sent to BuildWorkPro\.$/);
				expect(execution.error?.name).toBe('NodeOperationError');
				expect(apiRequests('PATCH', `/api/v1/contacts/${createdId}`, since)).toHaveLength(0);
			}),
		);

	it(
		'Delete removes the contact and outputs { id, deleted: true }',
		step(async () => {
			const items = succeeded(
				await runContactWorkflow(
					'Delete a contact',
					{ operation: 'delete', contactId: recordId(version, createdId) },
					version,
				),
			);
			expect(items).toEqual([{ id: createdId, deleted: true }]);
			expect(stack.sandbox.contacts().some((contact) => contact.id === createdId)).toBe(false);
		}),
	);

	it(
		"an invalid email fails the execution with BuildWorkPro's validation message, in words a person would write",
		step(async () => {
			const body = { type: 'customer', firstName: 'Not', lastName: 'Valid', email: 'not-an-email' };
			// What the API itself says about this input: "email must be a valid email address or null."
			const direct = await callSandbox('POST', '/contacts', body);
			expect(direct.status).toBe(422);
			expect(direct.body.errors[0].field).toBe('email');

			const execution = await runContactWorkflow(
				'Create with a bad email',
				{
					operation: 'create',
					type: 'customer',
					additionalFields: { firstName: 'Not', lastName: 'Valid', email: 'not-an-email' },
				},
				version,
			);
			expect(execution.status).toBe('error');
			expect(execution.error?.message).toBe('Email must be a valid email address.');
			expect(execution.error?.description).toMatch(
				/^Code: validation_failed · HTTP status: 422 · Request ID: req_\w+$/,
			);
			expect(execution.error?.httpCode).toBe('422');
			expect(stack.sandbox.contacts().some((contact) => contact.email === 'not-an-email')).toBe(
				false,
			);
		}),
	);

	it(
		'a Contact ID that is no number fails before anything is sent, as an error of the node, not of BuildWorkPro',
		step(async () => {
			const since = lastSeq();
			const execution = await runContactWorkflow(
				'Get with a bad Contact ID',
				{ operation: 'get', contactId: recordId(version, 'abc') },
				version,
			);

			expect(execution.status).toBe('error');
			expect(execution.error?.message).toBe(
				'Contact ID must be a positive whole number, but it is "abc"',
			);
			expect(execution.error?.description).toMatch(
				/Check the Contact ID field\. Nothing was sent to BuildWorkPro\.$/,
			);
			// What the editor reads: a NodeOperationError, and no httpCode (n8n's "From BuildWorkPro ·
			// Error code: none" details appear only with one).
			expect(execution.error?.name).toBe('NodeOperationError');
			expect(execution.error?.httpCode ?? null).toBeNull();
			expect(
				stack.sandbox
					.requestLog()
					.filter((entry) => entry.seq > since && entry.path.startsWith('/api/v1/contacts')),
			).toHaveLength(0);
		}),
	);
});

describe('the BuildWorkPro Trigger in a published workflow', () => {
	let workflow: SavedWorkflow;
	const webhookId = randomUUID();

	const liveEndpoints = () =>
		stack.sandbox
			.webhookEndpoints()
			.filter((endpoint) => !endpoint.deleted && endpoint.url.startsWith(stack.n8n.url));

	/**
	 * n8n 2.x publishes in the background (the REST call returns before the trigger's webhook is
	 * registered), so wait for the sandbox to hold the expected number of endpoints, then make sure
	 * it stays there (no second registration arrives late).
	 */
	async function expectEndpointsSettleAt(count: number) {
		await waitFor(
			`the sandbox to hold ${count} endpoint(s) for this n8n`,
			() => liveEndpoints().length === count,
			{
				timeoutMs: 30_000,
			},
		);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(liveEndpoints()).toHaveLength(count);
		return liveEndpoints();
	}

	beforeAll(async () => {
		workflow = await createWorkflow(stack.client, 'On contact changes', [
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
		'publishing with a key that lacks webhooks:manage fails with a message naming the scope, and registers nothing',
		step(async () => {
			const readOnly = await createCredential(stack.client, {
				name: 'Read-only key',
				type: 'buildWorkProApi',
				data: { apiKey: stack.sandbox.keys.readOnly, baseUrl: stack.sandbox.baseUrl },
			});
			const refused = await createWorkflow(stack.client, 'Trigger with a read-only key', [
				{
					name: 'BuildWorkPro Trigger',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					webhookId: randomUUID(),
					parameters: { events: ['contact.created'] },
					credentials: { buildWorkProApi: { id: readOnly.id, name: readOnly.name } },
				},
				{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
			]);
			const errors = await publishAndWaitForOutcome(stack.n8n, stack.client, refused);
			expect(errors.join('\n')).toContain('webhooks:manage');
			expect(liveEndpoints()).toHaveLength(0);
			await unpublish(stack.client, refused).catch(() => undefined);
		}),
	);

	it(
		'publishing registers exactly one endpoint, pointing at this n8n',
		step(async () => {
			await publish(stack.client, workflow);
			const endpoints = await expectEndpointsSettleAt(1);
			expect(endpoints[0].url).toBe(`${stack.n8n.url}/webhook/${webhookId}/webhook`);
			expect([...endpoints[0].eventTypes].sort()).toEqual(['contact.created', 'contact.updated']);
			expect(endpoints[0].isActive).toBe(true);
		}),
	);

	it(
		'a contact created in BuildWorkPro starts an execution with the event',
		step(async () => {
			const created = await callSandbox('POST', '/contacts', {
				type: 'architect',
				firstName: 'Zaha',
				lastName: 'Hadid',
			});
			expect(created.status).toBe(201);
			const [summary] = await waitFor(
				'the webhook delivery to start an execution of the trigger workflow',
				async () => {
					const executions = await listExecutions(stack.client, workflow.id);
					if (executions.length > 0) return executions;
					throw new Error(
						`no execution yet; sandbox deliveries: ${JSON.stringify(stack.sandbox.deliveries())}`,
					);
				},
				{ timeoutMs: 30_000 },
			);
			const execution = await waitForExecution(stack.n8n, stack.client, summary.id, 30_000);
			executionsSeen.push(execution);
			expect(execution.status).toBe('success');
			const [event] = execution.output['BuildWorkPro Trigger'];
			expect(event).toMatchObject({
				type: 'contact.created',
				id: expect.stringMatching(/^evt_/),
				data: { id: created.body.data.id, firstName: 'Zaha' },
			});
			expect(execution.output.Received).toHaveLength(1);
		}),
	);

	it(
		'a badly signed delivery is refused with 401 and starts nothing',
		step(async () => {
			const before = (await listExecutions(stack.client, workflow.id)).length;
			const [endpoint] = liveEndpoints();
			const forged = await stack.sandbox.sendDelivery({ url: endpoint.url, signature: 'bad' });
			expect(forged.status).toBe(401);
			const unsigned = await stack.sandbox.sendDelivery({ url: endpoint.url, signature: 'none' });
			expect(unsigned.status).toBe(401);
			// Executions start asynchronously: give a wrongly accepted one time to show up.
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			expect(await listExecutions(stack.client, workflow.id)).toHaveLength(before);
		}),
	);

	it(
		'restarting n8n registers nothing new, and deliveries still start executions',
		step(async () => {
			const [before] = liveEndpoints();
			const executionsBefore = (await listExecutions(stack.client, workflow.id)).length;
			await stack.restartN8n();
			const [after] = await expectEndpointsSettleAt(1);
			expect(after.id).toBe(before.id);

			const created = await callSandbox('POST', '/contacts', {
				type: 'vendor',
				companyName: 'After Restart Supply',
			});
			expect(created.status).toBe(201);
			await waitFor(
				'the delivery after the restart to start an execution',
				async () => {
					const executions = await listExecutions(stack.client, workflow.id);
					return executions.length > executionsBefore || undefined;
				},
				{ timeoutMs: 30_000 },
			);
		}),
	);

	it(
		'unpublishing removes the endpoint; publishing again leaves exactly one',
		step(async () => {
			await unpublish(stack.client, workflow);
			await expectEndpointsSettleAt(0);

			await publish(stack.client, workflow);
			const [endpoint] = await expectEndpointsSettleAt(1);
			expect(endpoint.url).toBe(`${stack.n8n.url}/webhook/${webhookId}/webhook`);
			expect(
				stack.sandbox
					.webhookEndpoints()
					.filter((candidate) => candidate.url === endpoint.url && !candidate.deleted),
			).toHaveLength(1);
		}),
	);
});

describe('secrets', () => {
	it(
		"the API keys appear in no execution's data and not in n8n's log",
		step(async () => {
			expect(executionsSeen.length).toBeGreaterThanOrEqual(10);
			const everything =
				JSON.stringify(executionsSeen.map((execution) => execution.raw)) +
				readFileSync(stack.n8n.logFile, 'utf8');
			expect(everything).toContain('Lovelace'); // the haystack holds the run data
			for (const key of [stack.sandbox.keys.full, UNKNOWN_KEY])
				expect(everything).not.toContain(key);
		}),
	);
});
