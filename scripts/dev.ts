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
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

import { repoRoot } from '../e2e/lib/install';
import { LOCAL_OWNER, startStack, type Stack } from '../e2e/lib/stack';
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

interface DevOptions {
	port: number;
	sandboxPort: number;
	seed: number;
	fresh: boolean;
	version?: string;
}

function parseArgs(argv: string[]): DevOptions {
	const options: DevOptions = { port: 5678, sandboxPort: 4010, seed: 50, fresh: false, version: process.env.N8N_E2E_VERSION };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port': options.port = Number(value()); break;
			case '--sandbox-port': options.sandboxPort = Number(value()); break;
			case '--seed': options.seed = Number(value()); break;
			case '--fresh': options.fresh = true; break;
			case '--version': options.version = value(); break;
			default:
				throw new Error(`Unknown option ${argv[i]} (options: --port, --sandbox-port, --seed, --fresh, --version)`);
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

function exampleWorkflows(stack: Stack): Record<keyof typeof WORKFLOWS, WorkflowNode[]> {
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

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
