/**
 * The BuildWorkPro Tool as an AI Agent calls it, in a real n8n: a saved workflow (Manual Trigger
 * → AI Agent with the tool attached, its parameters filled by `$fromAI(…)`) run through n8n's own
 * manual-run endpoint with an `agentRequest` carrying the arguments, so n8n's tool executor runs
 * the tool exactly as for an agent, without calling a model (n8n 2.x). Both versions of the node's
 * Tool variant are called; version 2 returns simplified records unless told not to.
 */
import { randomUUID } from 'node:crypto';

import { startStack, type Stack } from '../../e2e/lib/stack';
import {
	chain,
	waitForExecution,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowNode,
} from '../../e2e/lib/n8nWorkflows';
import { packageName } from '../../e2e/lib/communityPackage';
import { NODE_VERSIONS, type NodeVersion } from '../../e2e/lib/nodeVersions';

const TOOL_TYPE = `${packageName}.buildWorkProTool`;
const SEEDED_CONTACTS = 300;
/** The node n8n 2.x runs in the agent's place for a tool run on its own (TOOL_EXECUTOR_NODE_NAME). */
const TOOL_EXECUTOR_NODE = 'PartialExecutionToolExecutor';

let stack: Stack;
const major = () => Number(stack.prepared.install.version.split('.')[0]);

beforeAll(async () => {
	stack = await startStack({
		version: process.env.N8N_E2E_VERSION,
		sandbox: { seed: SEEDED_CONTACTS },
	});
	console.log(
		`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}`,
	);
}, 900_000);

afterAll(async () => {
	if (stack) console.log(`n8n log kept at ${await stack.stop()}`);
}, 60_000);

/** Manual Trigger → AI Agent, with our tool on the agent's tool input. */
async function saveAgentWorkflow(
	name: string,
	toolName: string,
	parameters: Record<string, unknown>,
	version: NodeVersion,
): Promise<SavedWorkflow> {
	const { nodes, connections } = chain([
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
		{
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 2,
			parameters: { promptType: 'define', text: 'Help the user with BuildWorkPro.', options: {} },
		},
	]);
	const tool: WorkflowNode = {
		id: randomUUID(),
		name: toolName,
		type: TOOL_TYPE,
		typeVersion: version,
		position: [480, 200],
		parameters,
		credentials: { buildWorkProApi: { id: stack.credential.id, name: stack.credential.name } },
	};
	connections[toolName] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return await stack.client.post<SavedWorkflow>('/workflows', {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [...nodes, tool],
		connections,
	});
}

/** What the editor sends when a tool is run on its own with the arguments an agent would give. */
async function runTool(
	workflow: SavedWorkflow,
	toolName: string,
	args: Record<string, unknown>,
): Promise<ExecutionDetails> {
	const started = await stack.client.post<{ executionId?: string }>(
		`/workflows/${workflow.id}/run`,
		{
			workflowData: workflow,
			destinationNode: { nodeName: toolName, mode: 'inclusive' },
			agentRequest: { query: { [toolName]: args }, tool: { name: toolName } },
		},
	);
	if (!started.executionId)
		throw new Error(`n8n did not start the tool: ${JSON.stringify(started)}`);
	return await waitForExecution(stack.n8n, stack.client, started.executionId, 60_000);
}

/** The records the tool handed back to the agent, as the tool executor outputs them. */
function toolResult(execution: ExecutionDetails): Array<Record<string, unknown>> {
	// n8n puts its tool executor where the agent was; its output is what the agent would read.
	const executorOutput = execution.output[TOOL_EXECUTOR_NODE];
	if (!executorOutput)
		throw new Error(
			`no output from n8n's tool executor: ${JSON.stringify(execution.output).slice(0, 500)}`,
		);
	const raw = JSON.stringify(executorOutput);
	// The executor hands the tool's answer on as JSON text; find the records inside it.
	const found: Array<Record<string, unknown>> = [];
	const visit = (value: unknown): void => {
		if (typeof value === 'string' && /^[[{]/.test(value.trim())) {
			try {
				visit(JSON.parse(value));
			} catch {
				/* plain text */
			}
		} else if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object') {
			const record = value as Record<string, unknown>;
			if (typeof record.id === 'number' && 'type' in record) found.push(record);
			else Object.values(record).forEach(visit);
		}
	};
	visit(JSON.parse(raw));
	return found;
}

const describeOn2x = process.env.N8N_E2E_VERSION?.startsWith('1.') ? describe.skip : describe;

describeOn2x.each(NODE_VERSIONS)(
	'the BuildWorkPro Tool (node version %i), called with the arguments an AI Agent gives',
	(version) => {
		it('Create contact: fills email and name from the agent, creates exactly one contact, and returns it', async () => {
			expect(major()).toBeGreaterThanOrEqual(2);
			const toolName = 'create_contact';
			const workflow = await saveAgentWorkflow(
				`Agent: create a contact (version ${version})`,
				toolName,
				{
					resource: 'contact',
					operation: 'create',
					type: 'customer',
					additionalFields: {
						email: "={{ $fromAI('email', 'Email address of the new contact', 'string') }}",
						firstName: "={{ $fromAI('firstName', 'First name of the new contact', 'string') }}",
						lastName: "={{ $fromAI('lastName', 'Last name of the new contact', 'string') }}",
					},
				},
				version,
			);
			const email = `mae.${randomUUID().slice(0, 8)}@example.com`;
			const execution = await runTool(workflow, toolName, {
				email,
				firstName: 'Mae',
				lastName: 'Jemison',
			});

			expect(execution.error).toBeUndefined();
			expect(execution.status).toBe('success');
			const stored = stack.sandbox.contacts().filter((contact) => contact.email === email);
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({ firstName: 'Mae', lastName: 'Jemison', type: 'customer' });
			expect(toolResult(execution)).toEqual([
				expect.objectContaining({ id: stored[0].id, email, firstName: 'Mae' }),
			]);
		});

		it("Get Many contacts: searches with the agent's text and returns a bounded number of records", async () => {
			const toolName = 'find_contacts';
			const workflow = await saveAgentWorkflow(
				`Agent: find contacts (version ${version})`,
				toolName,
				{
					resource: 'contact',
					operation: 'getAll',
					filters: {
						search:
							"={{ $fromAI('search', 'Text to look for in names, company and email', 'string') }}",
					},
				},
				version,
			);
			const matching = stack.sandbox
				.contacts()
				.filter((contact) =>
					/a/i.test(
						`${contact.firstName} ${contact.lastName} ${contact.companyName} ${contact.email}`,
					),
				);
			expect(matching.length).toBeGreaterThan(50);

			const execution = await runTool(workflow, toolName, { search: 'a' });

			expect(execution.error).toBeUndefined();
			const records = toolResult(execution);
			expect(records).toHaveLength(50);
			const matchingIds = new Set(matching.map((contact) => contact.id));
			for (const record of records) expect(matchingIds.has(record.id as number)).toBe(true);
			const listRequests = stack.sandbox
				.requestLog()
				.filter((entry) => entry.method === 'GET' && entry.path === '/api/v1/contacts');
			expect(listRequests.at(-1)?.query).toMatchObject({ search: 'a', limit: '50' });
			// Version 2 simplifies by default: the agent reads at most ten fields of each record.
			if (version === 2) {
				for (const record of records) expect(Object.keys(record).length).toBeLessThanOrEqual(10);
				expect(listRequests.at(-1)?.query).toMatchObject({ compact: 'true' });
			}
		});
	},
);
