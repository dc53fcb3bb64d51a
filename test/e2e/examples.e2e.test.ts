/**
 * The importable workflows in examples/ (the vendor's own recipes), imported into a real n8n as
 * a user would, published, and started by what happens in BuildWorkPro: a web-form submission,
 * a bid accepted, a pay application approved. Each is checked in n8n's execution and in the
 * sandbox's state. The files use the node's version 2 (record IDs as locators By ID); each is also
 * run as a workflow saved before version 2 holds it (version 1, the same IDs as plain values).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { startStack, type Stack, stepShowingN8nLog } from '../../e2e/lib/stack';
import { packageName } from '../../e2e/lib/communityPackage';
import { NODE_VERSIONS } from '../../e2e/lib/nodeVersions';
import {
	importWorkflow,
	listExecutions,
	publishAndWaitForOutcome,
	unpublish,
	waitForExecution,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowFile,
} from '../../e2e/lib/n8nWorkflows';
import { waitFor } from '../../e2e/lib/process';

const examplesDir = resolve(__dirname, '..', '..', 'examples');
const NODE_TYPE = `${packageName}.buildWorkPro`;

const example = (file: string) =>
	JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as WorkflowFile;

const isLocator = (value: unknown): value is { __rl: true; value: unknown } =>
	typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;

/** A parameter value as version 1 holds it: each record locator replaced by the ID it holds. */
function plainIds(value: unknown): unknown {
	if (isLocator(value)) return value.value;
	if (Array.isArray(value)) return value.map(plainIds);
	if (typeof value === 'object' && value !== null)
		return Object.fromEntries(
			Object.entries(value)
				// Simplify is version 2's; version 1 always returns whole records.
				.filter(([name]) => name !== 'simplify')
				.map(([name, inner]) => [name, plainIds(inner)]),
		);
	return value;
}

/** An example as the node version asks: the file itself (2), or the file as version 1 saved it. */
function exampleOn(version: 1 | 2, file: string): WorkflowFile {
	const workflow = example(file);
	if (version === 2) return workflow;
	return {
		...workflow,
		name: `${workflow.name} (version 1)`,
		nodes: workflow.nodes.map((node) =>
			node.type === NODE_TYPE
				? {
						...node,
						typeVersion: 1,
						parameters: plainIds(node.parameters) as typeof node.parameters,
					}
				: node,
		),
	};
}

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({ version: process.env.N8N_E2E_VERSION });
	console.log(
		`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}`,
	);
}, 900_000);

afterAll(async () => {
	if (stack) console.log(`n8n log kept at ${await stack.stop()}`);
}, 60_000);

/** A test body whose failure also shows the end of n8n's log. */
const step = stepShowingN8nLog(() => stack?.n8n);

/** BuildWorkPro itself, as the people using its web app change things. */
async function api(method: string, path: string, body?: unknown) {
	const response = await fetch(`${stack.sandbox.baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${stack.sandbox.keys.full}`,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await response.json().catch(() => undefined)) as { data?: any } | undefined;
	if (response.status >= 300)
		throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
	return json?.data;
}

/** Published examples, unpublished after their test: the other version's copy reacts to the same events and path. */
const published: SavedWorkflow[] = [];

afterEach(async () => {
	for (const workflow of published.splice(0))
		await unpublish(stack.client, workflow).catch(() => undefined);
});

async function importAndPublish(workflowFile: WorkflowFile): Promise<SavedWorkflow> {
	const workflow = await importWorkflow(stack.client, workflowFile, stack.credential);
	published.push(workflow);
	const errors = await publishAndWaitForOutcome(stack.n8n, stack.client, workflow);
	expect(errors).toEqual([]);
	return workflow;
}

/** Waits for the workflow's first execution and returns it, finished. */
async function firstExecution(workflow: SavedWorkflow): Promise<ExecutionDetails> {
	const [summary] = await waitFor(
		`an execution of "${workflow.name}"`,
		async () => {
			const executions = await listExecutions(stack.client, workflow.id);
			return executions.length > 0 ? executions : undefined;
		},
		{ timeoutMs: 60_000 },
	);
	return await waitForExecution(stack.n8n, stack.client, summary.id, 60_000);
}

/** Waits until the trigger's endpoint for these events is registered in the sandbox. */
async function endpointFor(eventType: string) {
	await waitFor(
		`an endpoint for ${eventType}`,
		() =>
			stack.sandbox
				.webhookEndpoints()
				.some((endpoint) => !endpoint.deleted && endpoint.eventTypes.includes(eventType)) ||
			undefined,
		{ timeoutMs: 30_000 },
	);
}

describe.each([2, 1] as const)('the examples on node version %i', (version) => {
	it(
		'web-form lead → a contact and a lead in the default stage, linked to each other',
		step(async () => {
			const workflow = await importAndPublish(
				exampleOn(version, 'web-form-lead-to-lead-and-contact.json'),
			);
			const path = (
				workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!.parameters as {
					path: string;
				}
			).path;
			const submission = {
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				phone: '555-0100',
				project: 'Deck and patio',
				message: 'Back yard, about 40 m²',
			};
			const response = await fetch(`${stack.n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(submission),
			});
			expect(response.status).toBe(200);

			const execution = await firstExecution(workflow);
			expect(execution.error).toBeUndefined();
			expect(execution.status).toBe('success');
			const [contact] = execution.output['Create contact'];
			const [lead] = execution.output['Create lead'];
			expect(contact).toMatchObject({
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				type: 'customer',
			});
			expect(lead).toMatchObject({
				name: 'Deck and patio',
				contactId: contact.id,
				source: 'Website form',
			});
			const stages = (await api('GET', '/lead-stages')) as Array<{
				id: number;
				isDefault?: boolean;
			}>;
			const defaultStage = stages.find((stage) => stage.isDefault) ?? stages[0];
			expect(lead.stageId).toBe(defaultStage.id);
			expect(execution.output['Create lead']).toHaveLength(1);
		}),
	);

	it(
		'bid accepted (trigger) → the bid becomes a project',
		step(async () => {
			const workflow = await importAndPublish(exampleOn(version, 'bid-accepted-to-project.json'));
			await endpointFor('bid.accepted');
			const contact = await api('POST', '/contacts', {
				type: 'customer',
				companyName: 'Harbor Dental',
			});
			const bid = await api('POST', '/bids', { name: 'Clinic fit-out', contactId: contact.id });
			await api('POST', `/bids/${bid.id}/send`);
			await api('POST', `/bids/${bid.id}/accept`, { acceptedBy: 'Dr. Amara Osei' });

			const execution = await firstExecution(workflow);
			expect(execution.error).toBeUndefined();
			expect(execution.output['Bid accepted']).toEqual([
				expect.objectContaining({ id: bid.id, status: 'accepted', eventType: 'bid.accepted' }),
			]);
			// BuildWorkPro answers a conversion with the new project and the bid it came from.
			const [converted] = execution.output['Convert to project'] as Array<{
				project: { id: number };
				bid: { id: number };
			}>;
			const { project } = converted;
			expect(project.id).toEqual(expect.any(Number));
			expect(converted.bid.id).toBe(bid.id);
			const stored = await api('GET', `/projects/${project.id}`);
			expect(stored.id).toBe(project.id);
		}),
	);

	it(
		'pay application approved (trigger) → an invoice made from it, then sent',
		step(async () => {
			const workflow = await importAndPublish(
				exampleOn(version, 'pay-app-approved-to-invoice.json'),
			);
			await endpointFor('pay_app.approved');
			const contact = await api('POST', '/contacts', {
				type: 'general_contractor',
				companyName: 'Keystone Builders',
			});
			const project = await api('POST', '/projects', {
				name: 'Riverside clinic',
				contactId: contact.id,
			});
			const payApp = await api('POST', '/pay-apps', { projectId: project.id });
			await api('POST', `/pay-apps/${payApp.id}/submit`);
			await api('POST', `/pay-apps/${payApp.id}/approve`);

			const execution = await firstExecution(workflow);
			expect(execution.error).toBeUndefined();
			expect(execution.output['Pay app approved']).toEqual([
				expect.objectContaining({ id: payApp.id, eventType: 'pay_app.approved' }),
			]);
			const [invoice] = execution.output['Invoice from pay app'];
			expect(invoice).toMatchObject({ sourcePayAppId: payApp.id });
			const [sent] = execution.output['Send invoice'];
			expect(sent).toMatchObject({ id: invoice.id, status: 'sent' });
			expect(await api('GET', `/invoices/${invoice.id}`)).toMatchObject({ status: 'sent' });
		}),
	);
});

describe.each(NODE_VERSIONS)(
	"dropdowns loaded from the user's BuildWorkPro account, node version %i",
	(version) => {
		/** What the editor asks n8n for when a dropdown with a load-options method opens. */
		async function dropdown(resource: string, operation: string, parameter: string) {
			const nodeTypes = (await stack.client.send('GET', '/types/nodes.json')) as Array<{
				name: string;
				properties: Array<Record<string, any>>;
			}>;
			const node = nodeTypes.find((type) => type.name === 'n8n-nodes-buildworkpro.buildWorkPro')!;
			const [top, nested] = parameter.split('.');
			const field = node.properties.find(
				(candidate) =>
					candidate.name === top &&
					candidate.displayOptions?.show?.resource?.includes(resource) &&
					candidate.displayOptions?.show?.operation?.includes(operation) &&
					(candidate.displayOptions?.show?.['@version']?.includes(version) ?? true),
			)!;
			const property = nested
				? field.options.find((option: { name: string }) => option.name === nested)
				: field;
			return await stack.client.post<Array<{ name: string; value: number }>>(
				'/dynamic-node-parameters/options',
				{
					path: `parameters.${parameter}`,
					nodeTypeAndVersion: { name: node.name, version },
					currentNodeParameters: { authentication: 'apiKey', resource, operation },
					credentials: {
						buildWorkProApi: { id: stack.credential.id, name: stack.credential.name },
					},
					methodName: property.typeOptions.loadOptionsMethod,
				},
			);
		}

		it(
			"Lead → Create's Stage lists the pipeline's stages by name, valued by ID",
			step(async () => {
				const stages = (await api('GET', '/lead-stages')) as Array<{ id: number; name: string }>;
				const options = await dropdown('lead', 'create', 'stageId');
				expect(options.map((option) => option.value).sort()).toEqual(
					stages.map((stage) => stage.id).sort(),
				);
				expect(options.map((option) => option.name)).toEqual(
					[...stages.map((stage) => stage.name)].sort((a, b) => a.localeCompare(b)),
				);
			}),
		);

		it(
			"Project → Create's Assigned To lists the account's users by name",
			step(async () => {
				const users = (await api('GET', '/users')) as Array<{
					id: number;
					firstName: string;
					lastName: string;
				}>;
				const options = await dropdown('project', 'create', 'additionalFields.assignedTo');
				expect(options.map((option) => option.value).sort()).toEqual(
					users.map((user) => user.id).sort(),
				);
				expect(options.map((option) => option.name)).toContain(
					`${users[0].firstName} ${users[0].lastName}`,
				);
			}),
		);
	},
);
