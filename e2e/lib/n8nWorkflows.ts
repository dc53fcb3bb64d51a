// Workflow, credential and execution helpers over n8n's REST API, written for both n8n 2.x
// (publish = POST /workflows/:id/activate) and 1.x (PATCH the workflow's `active` flag).
import { randomUUID } from 'node:crypto';

import { N8nRestError, type N8nClient } from './n8nClient';
import type { N8nServer } from './n8nServer';
import { waitFor } from './process';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

/** The manual trigger a workflow that is run from the editor (or its REST twin) starts with. */
export const manualTrigger = (): WorkflowNode => ({
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
});

export interface SavedWorkflow {
	id: string;
	name: string;
	versionId: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

export async function createCredential(
	client: N8nClient,
	credential: { name: string; type: string; data: Record<string, unknown> },
): Promise<CredentialRef> {
	const saved = await client.post<{ id: string; name: string; type: string }>(
		'/credentials',
		credential,
	);
	return { id: saved.id, name: saved.name, type: saved.type };
}

/** Creates the credential, or updates the one of that name and type (a kept user folder). */
export async function upsertCredential(
	client: N8nClient,
	credential: { name: string; type: string; data: Record<string, unknown> },
): Promise<CredentialRef> {
	const existing = (await client.get<CredentialRef[]>('/credentials')).find(
		(candidate) => candidate.name === credential.name && candidate.type === credential.type,
	);
	if (!existing) return await createCredential(client, credential);
	await client.patch(`/credentials/${existing.id}`, credential);
	return { id: existing.id, name: existing.name, type: existing.type };
}

export async function findWorkflowByName(
	client: N8nClient,
	name: string,
): Promise<SavedWorkflow | undefined> {
	const all = await client.get<Array<{ id: string; name: string }>>('/workflows');
	const match = all.find((workflow) => workflow.name === name);
	return match ? await client.get<SavedWorkflow>(`/workflows/${match.id}`) : undefined;
}

/** Runs the credential's test the way the editor's "Retry"/"Save" button does. */
export async function testCredential(
	client: N8nClient,
	credential: CredentialRef,
	data: Record<string, unknown>,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	return await client.post('/credentials/test', { credentials: { ...credential, data } });
}

/** Chains nodes left to right: each node's main output feeds the next one. */
export function chain(nodes: WorkflowNode[]): {
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
} {
	const placed = nodes.map((node, index) => ({
		id: node.id ?? randomUUID(),
		position: node.position ?? ([index * 240, 0] as [number, number]),
		parameters: {},
		...node,
	}));
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < placed.length - 1; index++)
		connections[placed[index].name] = {
			main: [[{ node: placed[index + 1].name, type: 'main', index: 0 }]],
		};
	return { nodes: placed, connections };
}

export async function createWorkflow(
	client: N8nClient,
	name: string,
	nodes: WorkflowNode[],
): Promise<SavedWorkflow> {
	return await client.post<SavedWorkflow>('/workflows', {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		...chain(nodes),
	});
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt?: string;
	stoppedAt?: string;
}

export interface ExecutionDetails extends ExecutionSummary {
	/** Output items (their `json`) of each node's first run, by node name. */
	output: Record<string, Array<Record<string, unknown>>>;
	/** The error n8n shows for the execution, when it failed. */
	error?: { message: string; description?: string; node?: string; [key: string]: unknown };
	raw: unknown;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

export async function getExecution(
	server: N8nServer,
	client: N8nClient,
	id: string,
): Promise<ExecutionDetails> {
	const execution = await client.get<ExecutionSummary & { data: string | object }>(
		`/executions/${id}`,
	);
	const data = (
		typeof execution.data === 'string' ? server.parseExecutionData(execution.data) : execution.data
	) as {
		resultData?: {
			runData?: Record<
				string,
				Array<{
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
					error?: unknown;
				}>
			>;
			error?: ExecutionDetails['error'];
		};
	};
	const output: ExecutionDetails['output'] = {};
	for (const [nodeName, runs] of Object.entries(data?.resultData?.runData ?? {}))
		output[nodeName] = (runs[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	return {
		id: String(execution.id),
		status: execution.status,
		mode: execution.mode,
		workflowId: String(execution.workflowId),
		startedAt: execution.startedAt,
		stoppedAt: execution.stoppedAt,
		output,
		error: data?.resultData?.error,
		raw: data,
	};
}

/** Runs a saved workflow from its trigger, as the editor's "Execute workflow" button does, and waits for the result. */
export async function runManually(
	server: N8nServer,
	client: N8nClient,
	workflow: SavedWorkflow,
	{ timeoutMs = 120_000 } = {},
): Promise<ExecutionDetails> {
	const trigger = workflow.nodes[0].name;
	// 2.x reads the saved workflow and needs the trigger to start from; 1.x wants the workflow data.
	const started = await client.post<{ executionId?: string; waitingForWebhook?: boolean }>(
		`/workflows/${workflow.id}/run`,
		{ workflowData: workflow, triggerToStartFrom: { name: trigger }, startNodes: [] },
	);
	if (!started.executionId)
		throw new Error(
			`n8n did not start an execution of "${workflow.name}": ${JSON.stringify(started)}`,
		);
	return await waitForExecution(server, client, started.executionId, timeoutMs);
}

export async function waitForExecution(
	server: N8nServer,
	client: N8nClient,
	executionId: string,
	timeoutMs = 120_000,
): Promise<ExecutionDetails> {
	return await waitFor(
		`execution ${executionId} to finish`,
		() => getExecution(server, client, executionId),
		{
			// n8n 1.x can report the status a moment before the run data is saved: wait for both.
			until: (execution) =>
				FINISHED.has(execution.status) &&
				(Object.keys(execution.output).length > 0 || execution.error !== undefined),
			show: (execution) => ({
				status: execution.status,
				nodesWithOutput: Object.keys(execution.output),
				error: execution.error?.message,
			}),
			timeoutMs,
			intervalMs: 300,
			giveUp: () => (server.process.exited ? 'n8n exited' : undefined),
		},
	);
}

export async function listExecutions(
	client: N8nClient,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await client.get<{ results: ExecutionSummary[] }>(
		`/executions?filter=${filter}&limit=100`,
	);
	return page.results.map((execution) => ({ ...execution, id: String(execution.id) }));
}

/**
 * Publishes (2.x) / activates (1.x) a workflow: n8n registers its triggers' webhooks. Both pinned
 * versions (2.40.7 and 1.123.81) take POST /workflows/:id/activate with the version to publish.
 */
export async function publish(client: N8nClient, workflow: SavedWorkflow): Promise<SavedWorkflow> {
	const current = await client.get<SavedWorkflow>(`/workflows/${workflow.id}`);
	return await client.post<SavedWorkflow>(`/workflows/${workflow.id}/activate`, {
		versionId: current.versionId,
	});
}

export async function unpublish(
	client: N8nClient,
	workflow: SavedWorkflow,
): Promise<SavedWorkflow> {
	return await client.post<SavedWorkflow>(`/workflows/${workflow.id}/deactivate`, {});
}

/**
 * Publishes and waits until n8n has tried to register the triggers; returns the trigger errors n8n
 * shows the user (empty when publishing worked). 2.x publishes in the background and reports the
 * outcome in /publication-status; 1.x answers the activate call with the error directly.
 */
export async function publishAndWaitForOutcome(
	server: N8nServer,
	client: N8nClient,
	workflow: SavedWorkflow,
	{ timeoutMs = 90_000 } = {},
): Promise<string[]> {
	try {
		await publish(client, workflow);
	} catch (error) {
		if (server.major >= 2 || !(error instanceof N8nRestError)) throw error;
		const body = error.body as { message?: string } | undefined;
		return [body?.message ?? error.message];
	}
	if (server.major < 2) return [];
	const outcome = await waitFor(
		`n8n to finish publishing "${workflow.name}"`,
		async () => {
			const status = await client.get<{
				status: string;
				triggers: Array<{ status: string; errorMessage?: string }>;
			}>(`/workflows/${workflow.id}/publication-status`);
			return status.status === 'in_progress' ? undefined : status;
		},
		{ timeoutMs, intervalMs: 1_000 },
	);
	return outcome.triggers
		.filter((trigger) => trigger.errorMessage)
		.map((trigger) => trigger.errorMessage!);
}

/** An exported n8n workflow (what "Download" in the editor writes and `examples/` holds). */
export interface WorkflowFile {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

/**
 * Saves an exported workflow as a user importing it would, after picking `credential` for every
 * node that names a credential of its type. Trigger nodes get fresh webhook IDs, as n8n gives a
 * pasted copy, so importing twice does not clash.
 */
export async function importWorkflow(
	client: N8nClient,
	file: WorkflowFile,
	credential: CredentialRef,
	name = file.name,
): Promise<SavedWorkflow> {
	const nodes = file.nodes.map((node) => ({
		...node,
		...(node.webhookId ? { webhookId: randomUUID() } : {}),
		...(node.credentials?.[credential.type]
			? {
					credentials: {
						...node.credentials,
						[credential.type]: { id: credential.id, name: credential.name },
					},
				}
			: {}),
	}));
	return await client.post<SavedWorkflow>('/workflows', {
		name,
		active: false,
		settings: file.settings ?? { executionOrder: 'v1' },
		nodes,
		connections: file.connections,
	});
}

/**
 * A binary entry of an output item as n8n keeps it in the execution: in filesystem, database or
 * S3 mode (n8n 2.x's default is filesystem) `id` names the stored file and `data` holds only the
 * mode; in 1.x's default (in-memory) mode `data` is the file, base64.
 */
export interface ExecutionBinary {
	id?: string;
	data?: string;
	fileName?: string;
	mimeType?: string;
	fileExtension?: string;
	fileSize?: string;
	[key: string]: unknown;
}

/** The binary fields of each output item of a node's first run (main output 0). */
export function binaryOutput(
	execution: ExecutionDetails,
	nodeName: string,
): Array<Record<string, ExecutionBinary>> {
	const data = execution.raw as {
		resultData?: {
			runData?: Record<
				string,
				Array<{
					data?: { main?: Array<Array<{ binary?: Record<string, ExecutionBinary> }> | null> };
				}>
			>;
		};
	};
	return (data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0] ?? []).map(
		(item) => item.binary ?? {},
	);
}

/**
 * The bytes of a binary entry, fetched as the editor's download button does
 * (`GET /rest/binary-data?id=…&action=download`, logged in as `user`) when n8n stored them
 * outside the execution; decoded from the execution itself otherwise. A session of its own, so
 * the bytes are read raw (N8nClient parses text).
 */
export async function readExecutionBinary(
	server: N8nServer,
	user: { email: string; password: string },
	binary: ExecutionBinary,
): Promise<{ bytes: Buffer; contentType: string | null; disposition: string | null }> {
	if (!binary.id)
		return {
			bytes: Buffer.from(binary.data ?? '', 'base64'),
			contentType: binary.mimeType ?? null,
			disposition: null,
		};
	const browserId = randomUUID();
	const login = await fetch(`${server.url}/rest/login`, {
		method: 'POST',
		headers: { 'browser-id': browserId, 'content-type': 'application/json' },
		body: JSON.stringify({
			email: user.email,
			emailOrLdapLoginId: user.email,
			password: user.password,
		}),
	});
	if (!login.ok) throw new Error(`n8n refused the login to read binary data: ${login.status}`);
	const cookie = login.headers
		.getSetCookie()
		.map((value) => value.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	const response = await fetch(
		`${server.url}/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`,
		{
			headers: { 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
		},
	);
	if (!response.ok)
		throw new Error(`n8n GET /rest/binary-data answered ${response.status} for ${binary.id}`);
	return {
		bytes: Buffer.from(await response.arrayBuffer()),
		contentType: response.headers.get('content-type'),
		disposition: response.headers.get('content-disposition'),
	};
}
