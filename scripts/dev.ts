// `npm run dev`: try the package in a real n8n without a BuildWorkPro account.
//
// Starts the BuildWorkPro sandbox (seeded with demo contacts) and n8n on localhost with this
// package installed from its freshly packed tarball, sets up the owner account, a credential
// pointing at the sandbox and three example workflows, then prints where to log in.
// Ctrl-C stops everything.
//
//   npm run dev -- [--port 5678] [--sandbox-port 4010] [--seed 50] [--fresh] [--version 1.123.x]
//
// n8n keeps its data (workflows, executions) in .tmp/dev/ between runs; --fresh starts over.
//
//   npm run dev -- --queue [--port 5678] [--webhook-port 5690] [--workers 2]
//
// --queue starts n8n scaled out instead, as the queue-mode suite does (e2e/queue/): Postgres and
// Redis as throw-away processes, one main (the editor, on --port), one webhook process (production
// webhooks, on --webhook-port) and workers, each with the package installed. Nothing is kept:
// the database lives as long as the run.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

import { repoRoot } from '../e2e/lib/install';
import { LOCAL_OWNER, startStack } from '../e2e/lib/stack';
import { packageName } from '../e2e/lib/communityPackage';
import {
	createWorkflow,
	findWorkflowByName,
	publish,
	runManually,
	unpublish,
	type SavedWorkflow,
	type WorkflowNode,
} from '../e2e/lib/n8nWorkflows';
import { prepare } from '../e2e/lib/prepared';
import { waitFor } from '../e2e/lib/process';
import type { CredentialRef } from '../e2e/lib/n8nWorkflows';
import { startQueueStack } from '../e2e/queue/topology';

interface DevOptions {
	port: number;
	sandboxPort: number;
	seed: number;
	fresh: boolean;
	version?: string;
	queue: boolean;
	webhookPort: number;
	workers: number;
}

function parseArgs(argv: string[]): DevOptions {
	const options: DevOptions = { port: 5678, sandboxPort: 4010, seed: 50, fresh: false, version: process.env.N8N_E2E_VERSION, queue: false, webhookPort: 5690, workers: 2 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port': options.port = Number(value()); break;
			case '--sandbox-port': options.sandboxPort = Number(value()); break;
			case '--seed': options.seed = Number(value()); break;
			case '--fresh': options.fresh = true; break;
			case '--version': options.version = value(); break;
			case '--queue': options.queue = true; break;
			case '--webhook-port': options.webhookPort = Number(value()); break;
			case '--workers': options.workers = Number(value()); break;
			default:
				throw new Error(
					`Unknown option ${argv[i]} (options: --port, --sandbox-port, --seed, --fresh, --version, --queue, --webhook-port, --workers)`,
				);
		}
	}
	return options;
}

async function assertPortFree(port: number, what: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () =>
			reject(new Error(`Port ${port} (${what}) is in use. Stop what uses it, or pick another port (see --help in scripts/dev.ts).`)),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

const WORKFLOWS = {
	list: 'BuildWorkPro example: list contacts',
	create: 'BuildWorkPro example: create a contact',
	trigger: 'BuildWorkPro example: react to contact changes',
};

function exampleWorkflows(stack: { credential: CredentialRef }): Record<keyof typeof WORKFLOWS, WorkflowNode[]> {
	const credentials = { buildWorkProApi: { id: stack.credential.id, name: stack.credential.name } };
	const manual: WorkflowNode = { name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 };
	return {
		list: [
			manual,
			{
				name: 'Get many contacts',
				type: `${packageName}.buildWorkPro`,
				typeVersion: 1,
				parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
				credentials,
			},
		],
		create: [
			manual,
			{
				name: 'Create a contact',
				type: `${packageName}.buildWorkPro`,
				typeVersion: 1,
				parameters: {
					resource: 'contact',
					operation: 'create',
					type: 'customer',
					additionalFields: {
						firstName: 'Jane',
						lastName: 'Builder',
						companyName: 'Builder Renovations',
						email: 'jane.builder@example.com',
					},
				},
				credentials,
			},
		],
		trigger: [
			{
				name: 'BuildWorkPro Trigger',
				type: `${packageName}.buildWorkProTrigger`,
				typeVersion: 1,
				webhookId: 'c0ffee00-b0b0-4a11-8bad-000000000001',
				parameters: { events: ['contact.created', 'contact.updated', 'contact.deleted'], output: 'record' },
				credentials,
			},
			{ name: 'Contact changed', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
		],
	};
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.queue) return await mainQueue(options);
	await assertPortFree(options.port, 'n8n');
	await assertPortFree(options.sandboxPort, 'sandbox');

	console.log('Building and packing the package, preparing n8n (the first run installs n8n: a few minutes)...');
	const prepared = await prepare({ version: options.version });
	const userFolder = join(repoRoot, '.tmp', 'dev', `n8n-${prepared.install.version}`);
	if (options.fresh) rmSync(userFolder, { recursive: true, force: true });

	console.log(`Starting the sandbox and n8n ${prepared.install.version}...`);
	const stack = await startStack({
		version: prepared.install.version,
		userFolder,
		n8nPort: options.port,
		sandbox: { port: options.sandboxPort, seed: options.seed },
	});
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		await stack.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const { client, n8n } = stack;
		const nodes = exampleWorkflows(stack);
		const saved = {} as Record<keyof typeof WORKFLOWS, SavedWorkflow>;
		for (const key of Object.keys(WORKFLOWS) as Array<keyof typeof WORKFLOWS>)
			saved[key] = (await findWorkflowByName(client, WORKFLOWS[key])) ?? (await createWorkflow(client, WORKFLOWS[key], nodes[key]));

		// The sandbox starts empty of webhook endpoints every time: publish afresh so it holds one.
		if (saved.trigger.active) await unpublish(client, saved.trigger);
		await publish(client, saved.trigger);
		// n8n 2.x registers the webhook in the background after publishing returns.
		await waitFor('the published trigger to register its webhook endpoint in the sandbox', () =>
			stack.sandbox.webhookEndpoints().some((endpoint) => !endpoint.deleted && endpoint.url.startsWith(n8n.url)),
		);

		// One run of each, so the editor opens on real results (the create also fires the trigger).
		const listed = await runManually(n8n, client, saved.list);
		const created = await runManually(n8n, client, saved.create);

		const editor = n8n.url;
		console.log(`
BuildWorkPro + n8n ${prepared.install.version} are running.

  Editor:    ${editor}
  Login:     ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}   (local demo account)
  Sandbox:   ${stack.sandbox.baseUrl}   API key ${stack.sandbox.keys.full}
             (credential "${stack.credential.name}" in n8n points here; ${options.seed} demo contacts)

  Example workflows:
    ${WORKFLOWS.list}: ${editor}/workflow/${saved.list.id}   (last run: ${listed.status}, ${listed.output['Get many contacts']?.length ?? 0} contacts)
    ${WORKFLOWS.create}: ${editor}/workflow/${saved.create.id}   (last run: ${created.status})
    ${WORKFLOWS.trigger}: ${editor}/workflow/${saved.trigger.id}   (published; see its Executions tab)

  n8n's log: ${n8n.logFile}
  Press Ctrl-C to stop.`);
	} catch (error) {
		console.error(`Setting up the examples failed: ${(error as Error).message}\n--- n8n log ---\n${stack.n8n.logTail(40)}`);
		await stop(1);
	}
}

/** `--queue`: the same examples on a scaled-out n8n (main, webhook process, workers). */
async function mainQueue(options: DevOptions) {
	await assertPortFree(options.port, 'n8n main');
	await assertPortFree(options.webhookPort, 'n8n webhook process');
	await assertPortFree(options.sandboxPort, 'sandbox');
	console.log('Building and packing the package, preparing n8n (the first run installs n8n: a few minutes)...');
	const prepared = await prepare({ version: options.version });
	console.log(`Starting Postgres, Redis, the sandbox and n8n ${prepared.install.version} in queue mode (about a minute)...`);
	const stack = await startQueueStack({
		version: prepared.install.version,
		workers: options.workers,
		mainPort: options.port,
		webhookPort: options.webhookPort,
		sandboxPort: options.sandboxPort,
		sandbox: { seed: options.seed },
	});
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping the workers, the webhook process, main, Redis, Postgres and the sandbox...');
		const logs = await stack.stop();
		console.log(`n8n logs kept in ${logs}`);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const { client } = stack;
		const nodes = exampleWorkflows(stack);
		const saved = {} as Record<keyof typeof WORKFLOWS, SavedWorkflow>;
		for (const key of Object.keys(WORKFLOWS) as Array<keyof typeof WORKFLOWS>)
			saved[key] = await createWorkflow(client, WORKFLOWS[key], nodes[key]);
		await publish(client, saved.trigger);
		await waitFor('the published trigger to register its webhook endpoint (at the webhook process) in the sandbox', () =>
			stack.sandbox.webhookEndpoints().some((endpoint) => !endpoint.deleted && endpoint.url.startsWith(stack.webhookUrl)),
		);
		const listed = await runManually(stack.main.server, client, saved.list);
		const created = await runManually(stack.main.server, client, saved.create);
		const where = (id: string) => stack.workerThatRan(id)?.name ?? 'a worker';
		const editor = stack.main.server.url;
		console.log(`
BuildWorkPro + n8n ${prepared.install.version} are running in queue mode.

  Editor (main):     ${editor}
  Login:             ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}   (local demo account)
  Webhook process:   ${stack.webhookUrl}   (N8N_WEBHOOK_URL; the trigger registers this URL)
  Workers:           ${stack.workers.map((worker) => `${worker.name} (health ${worker.server.url}/healthz)`).join(', ')}
  Postgres:          127.0.0.1:${stack.postgres.port} (user ${stack.postgres.user}, database ${stack.postgres.database})
  Redis:             127.0.0.1:${stack.redis.port}
  Sandbox:           ${stack.sandbox.baseUrl}   API key ${stack.sandbox.keys.full}

  Example workflows:
    ${WORKFLOWS.list}: ${editor}/workflow/${saved.list.id}   (last run: ${listed.status} on ${where(listed.id)})
    ${WORKFLOWS.create}: ${editor}/workflow/${saved.create.id}   (last run: ${created.status} on ${where(created.id)})
    ${WORKFLOWS.trigger}: ${editor}/workflow/${saved.trigger.id}   (published; deliveries go to the webhook process)

  Logs: ${stack.processes().map((proc) => proc.server.logFile).join('\n        ')}
  Press Ctrl-C to stop everything (nothing is kept: the database lives as long as this run).`);
	} catch (error) {
		console.error(`Setting up the examples failed: ${(error as Error).message}\n--- main log ---\n${stack.main.server.logTail(40)}`);
		await stop(1);
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
