// `npm run dev`: try the package in a real n8n without a BuildWorkPro account.
//
// Starts the BuildWorkPro sandbox and n8n on localhost with this package installed from its
// freshly packed tarball. The sandbox holds demo contacts and a small construction pipeline (leads,
// bids, projects, change orders, pay applications, an invoice: e2e/lib/demoPipeline.ts). In n8n,
// dev sets up the owner account, two credentials for the sandbox (OAuth2, connected, and the API
// key, saved last so that new BuildWorkPro nodes pick it), three contact examples (two run once,
// the trigger published) and the recipes of examples/ (published), then prints where to log in,
// a link to each run and what to try. Ctrl-C stops everything. `npm run dev -- --help` lists the options.
//
// n8n keeps its data (workflows, executions, its log) in .tmp/dev/ between runs, and n8n 2.x saves
// every edit as it happens. An example changed in the editor (or left pointing at a credential
// that no longer exists) is put back at the next start; the changed version is kept next to it
// as "<example> (your edit, <date>)". --fresh deletes everything in .tmp/dev/ first.
//
// --queue starts n8n scaled out instead, as the queue-mode suite does (e2e/queue/): Postgres and
// Redis as throw-away processes, one main (the editor, on --port), one webhook process (production
// webhooks, on --webhook-port) and workers, each with the package installed. Nothing is kept:
// the database lives as long as the run.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createServer } from 'node:net';

import { NodeHelpers, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { repoRoot } from '../e2e/lib/install';
import type { N8nClient } from '../e2e/lib/n8nClient';
import type { N8nServer } from '../e2e/lib/n8nServer';
import { seedDemoPipeline, type DemoPipeline } from '../e2e/lib/demoPipeline';
import {
	CREDENTIAL_NAME,
	CREDENTIAL_TYPE,
	LOCAL_OWNER,
	setUpOAuthCredential,
	startStack,
	type OAuthCredentialSetup,
	type Stack,
} from '../e2e/lib/stack';
import { SANDBOX_USER_PASSWORD } from '../sandbox';
import { packageName } from '../e2e/lib/communityPackage';
import {
	chain,
	createWorkflow,
	importWorkflow,
	listExecutions,
	publish,
	publishAndWaitForOutcome,
	upsertCredential,
	runManually,
	unpublish,
	type CredentialRef,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowFile,
	type WorkflowNode,
} from '../e2e/lib/n8nWorkflows';
import { prepare } from '../e2e/lib/prepared';
import { waitFor } from '../e2e/lib/process';
import { startQueueStack } from '../e2e/queue/topology';

export interface DevOptions {
	port: number;
	sandboxPort: number;
	seed: number;
	fresh: boolean;
	version?: string;
	queue: boolean;
	webhookPort: number;
	workers: number;
	help: boolean;
}

interface OptionSpec {
	flags: string[];
	value?: string;
	help: string;
	set(options: DevOptions, value: string): void;
}

/** Every option `npm run dev` takes; `--help` prints this list and parseArgs accepts nothing else. */
export const OPTIONS: OptionSpec[] = [
	{
		flags: ['--port'],
		value: '<n>',
		help: "n8n's port, where the editor is (default 5678; with --queue: main's)",
		set: (o, v) => (o.port = port(v, '--port')),
	},
	{
		flags: ['--sandbox-port'],
		value: '<n>',
		help: "the BuildWorkPro sandbox's port (default 4010)",
		set: (o, v) => (o.sandboxPort = port(v, '--sandbox-port')),
	},
	{
		flags: ['--seed'],
		value: '<n>',
		help: 'how many demo contacts the sandbox starts with (default 50)',
		set: (o, v) => (o.seed = count(v, '--seed', 0)),
	},
	{
		flags: ['--fresh'],
		help: "start over: delete n8n's data in .tmp/dev/ (workflows, executions, credentials, log) first",
		set: (o) => (o.fresh = true),
	},
	{
		flags: ['--version'],
		value: '<v>',
		help: 'the pinned n8n to run: 2.40.7 (default) or 1.123.x; N8N_E2E_VERSION sets it too',
		set: (o, v) => (o.version = v),
	},
	{
		flags: ['--queue'],
		help: 'run n8n in queue mode: Postgres, Redis, main, a webhook process and workers (nothing is kept)',
		set: (o) => (o.queue = true),
	},
	{
		flags: ['--webhook-port'],
		value: '<n>',
		help: "with --queue: the webhook process's port (default 5690)",
		set: (o, v) => (o.webhookPort = port(v, '--webhook-port')),
	},
	{
		flags: ['--workers'],
		value: '<n>',
		help: 'with --queue: how many workers (default 2)',
		set: (o, v) => (o.workers = count(v, '--workers', 1)),
	},
	{ flags: ['--help', '-h'], help: 'show this help and exit', set: (o) => (o.help = true) },
];

export function usage(): string {
	const rows = OPTIONS.map((option) => [
		option.flags.join(', ') + (option.value ? ` ${option.value}` : ''),
		option.help,
	]);
	const width = Math.max(...rows.map(([left]) => left.length));
	return `Usage: npm run dev -- [options]

Starts the BuildWorkPro sandbox (demo contacts and a small construction pipeline) and a real n8n
with this package installed, two credentials for the sandbox (API key and OAuth2, both working),
three contact examples and the recipes of examples/; prints the editor's address, the login and
what to try. Ctrl-C stops everything.
n8n's data stays in .tmp/dev/ between runs; an example changed in the editor is put back at the
next start (your version is kept next to it as "<example> (your edit, <date>)").

Options:
${rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`).join('\n')}
`;
}

export class UsageError extends Error {}

function port(value: string | undefined, flag: string): number {
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535)
		throw new UsageError(`${flag} needs a port number (1–65535), got ${value ?? 'nothing'}`);
	return parsed;
}

function count(value: string | undefined, flag: string, min: number): number {
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < min)
		throw new UsageError(
			`${flag} needs a whole number of at least ${min}, got ${value ?? 'nothing'}`,
		);
	return parsed;
}

export function parseArgs(argv: string[]): DevOptions {
	const options: DevOptions = {
		port: 5678,
		sandboxPort: 4010,
		seed: 50,
		fresh: false,
		version: process.env.N8N_E2E_VERSION,
		queue: false,
		webhookPort: 5690,
		workers: 2,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
		const option = OPTIONS.find((candidate) => candidate.flags.includes(flag));
		if (!option)
			throw new UsageError(
				`Unknown option ${argv[i]}. \`npm run dev -- --help\` lists the options.`,
			);
		option.set(options, option.value ? (inline ?? argv[++i]) : '');
	}
	return options;
}

async function assertPortFree(port: number, what: string, flag: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () =>
			reject(
				new Error(
					`Port ${port} (${what}) is in use. Stop what uses it, or pick another port with ${flag} <n>.`,
				),
			),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

export const WORKFLOWS = {
	list: 'BuildWorkPro example: list contacts',
	create: 'BuildWorkPro example: create a contact',
	trigger: 'BuildWorkPro example: react to contact changes',
};
export type ExampleKey = keyof typeof WORKFLOWS;
const EXAMPLE_KEYS = Object.keys(WORKFLOWS) as ExampleKey[];

/** The trigger example's webhook ID: fixed, so its production URL stays the same between runs. */
const TRIGGER_WEBHOOK_ID = 'c0ffee00-b0b0-4a11-8bad-000000000001';

export function exampleWorkflows(credential: CredentialRef): Record<ExampleKey, WorkflowNode[]> {
	const credentials = { buildWorkProApi: { id: credential.id, name: credential.name } };
	const manual: WorkflowNode = {
		name: 'When clicking ‘Execute workflow’',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
	};
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
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: {
					events: ['contact.created', 'contact.updated', 'contact.deleted'],
					output: 'record',
				},
				credentials,
			},
			{ name: 'Contact changed', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
		],
	};
}

// ---------------------------------------------------------------------------------------------
// Has an example been changed since dev created it?

let ourTypes: Record<string, INodeTypeDescription> | undefined;

/** This package's node descriptions, by the type names n8n gives them (loaded when first needed). */
function ourType(type: string): INodeTypeDescription | undefined {
	if (!ourTypes) {
		// By full file name: 'BuildWorkPro.node' alone would resolve to the codex JSON next to it.
		/* eslint-disable @typescript-eslint/no-require-imports */
		const { BuildWorkPro } = require(join(repoRoot, 'nodes/BuildWorkPro/BuildWorkPro.node.ts'));
		const { BuildWorkProTrigger } = require(
			join(repoRoot, 'nodes/BuildWorkProTrigger/BuildWorkProTrigger.node.ts'),
		);
		/* eslint-enable @typescript-eslint/no-require-imports */
		ourTypes = {
			[`${packageName}.buildWorkPro`]: new BuildWorkPro().description,
			[`${packageName}.buildWorkProTrigger`]: new BuildWorkProTrigger().description,
		};
	}
	return ourTypes[type];
}

/** JSON with sorted keys, so equal values compare equal whatever order n8n saved them in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	return JSON.stringify(value ?? null);
}

/**
 * A node's parameters as the node sees them: the editor saves only values that differ from the
 * defaults, dev writes some defaults out, so both are completed with the defaults before comparing.
 */
function effectiveParameters(node: WorkflowNode): INodeParameters {
	const description = ourType(node.type);
	const parameters = (node.parameters ?? {}) as INodeParameters;
	if (!description) return parameters;
	return (
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			{ typeVersion: node.typeVersion },
			description,
		) ?? {}
	);
}

function parameterLabel(node: WorkflowNode, name: string): string {
	return (
		ourType(node.type)?.properties.find((property) => property.name === name)?.displayName ?? name
	);
}

/** What differs between a saved example and its definition, in the editor's words (empty: unchanged). */
export function exampleChanges(
	saved: SavedWorkflow,
	expected: WorkflowNode[],
	credential: CredentialRef,
): string[] {
	const changes: string[] = [];
	const { connections } = chain(expected);
	for (const node of expected) {
		const current = saved.nodes.find((candidate) => candidate.name === node.name);
		if (!current) {
			changes.push(`node "${node.name}" was removed or renamed`);
			continue;
		}
		if (current.type !== node.type || current.typeVersion !== node.typeVersion) {
			changes.push(`"${node.name}" is now a different node`);
			continue;
		}
		if (current.disabled) changes.push(`"${node.name}" is deactivated`);
		const want = effectiveParameters(node);
		const have = effectiveParameters(current);
		const changed = [...new Set([...Object.keys(want), ...Object.keys(have)])].filter(
			(key) => canonical(want[key]) !== canonical(have[key]),
		);
		if (changed.length > 0)
			changes.push(
				`"${node.name}": ${changed.map((key) => parameterLabel(node, key)).join(', ')} changed`,
			);
		if (node.credentials) {
			const used = (
				current.credentials as Record<string, { id?: string; name?: string }> | undefined
			)?.buildWorkProApi;
			if (!used) changes.push(`"${node.name}" has no BuildWorkPro API credential`);
			else if (used.id !== credential.id)
				changes.push(
					used.name === credential.name
						? `"${node.name}" uses a "${used.name}" credential that no longer exists`
						: `"${node.name}" uses the credential "${used.name}" instead of "${credential.name}"`,
				);
		}
		if (node.webhookId && current.webhookId !== node.webhookId)
			changes.push(`"${node.name}" has a different webhook URL`);
	}
	for (const node of saved.nodes)
		if (!expected.some((candidate) => candidate.name === node.name))
			changes.push(`node "${node.name}" was added`);
	if (canonical(connections) !== canonical(saved.connections ?? {}))
		changes.push('its connections changed');
	const pinned = Object.keys((saved.pinData as Record<string, unknown> | undefined) ?? {});
	if (pinned.length > 0)
		changes.push(
			`${pinned.map((name) => `"${name}"`).join(', ')} has pinned data (the run would not call the sandbox)`,
		);
	return changes;
}

export interface Example {
	workflow: SavedWorkflow;
	/** Set when dev put the example back: what had changed and where the changed version is kept. */
	restored?: { changes: string[]; keptAs: { id: string; name: string } };
}

async function activeWorkflows(client: N8nClient): Promise<Array<{ id: string; name: string }>> {
	const all =
		await client.get<Array<{ id: string; name: string; isArchived?: boolean }>>('/workflows');
	return all.filter((workflow) => !workflow.isArchived);
}

function stamp(date = new Date()): string {
	return date.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Finds each example by name and creates what is missing. One that differs from its definition
 * is copied to "<name> (your edit, <date>)" (inactive, with fresh webhook IDs so it never competes
 * with the example for its URL), then overwritten with the definition in place: same ID, same URL.
 */
export async function ensureExamples(
	client: N8nClient,
	credential: CredentialRef,
): Promise<Record<ExampleKey, Example>> {
	const definitions = exampleWorkflows(credential);
	const existing = await activeWorkflows(client);
	const examples = {} as Record<ExampleKey, Example>;
	for (const key of EXAMPLE_KEYS) {
		const name = WORKFLOWS[key];
		const match = existing.find((workflow) => workflow.name === name);
		if (!match) {
			examples[key] = { workflow: await createWorkflow(client, name, definitions[key]) };
			continue;
		}
		const saved = await client.get<SavedWorkflow>(`/workflows/${match.id}`);
		const changes = exampleChanges(saved, definitions[key], credential);
		if (changes.length === 0) {
			examples[key] = { workflow: saved };
			continue;
		}
		const copy = await client.post<SavedWorkflow>('/workflows', {
			name: `${name} (your edit, ${stamp()})`,
			active: false,
			settings: saved.settings ?? { executionOrder: 'v1' },
			nodes: saved.nodes.map((node) =>
				node.webhookId ? { ...node, webhookId: randomUUID() } : node,
			),
			connections: saved.connections,
			pinData: saved.pinData ?? {},
		});
		if (saved.active) await unpublish(client, saved);
		const current = await client.get<SavedWorkflow>(`/workflows/${saved.id}`);
		const restored = await client.patch<SavedWorkflow>(`/workflows/${saved.id}`, {
			name,
			versionId: current.versionId,
			...chain(definitions[key]),
			pinData: {},
		});
		examples[key] = {
			workflow: restored,
			restored: { changes, keptAs: { id: copy.id, name: copy.name } },
		};
	}
	return examples;
}

// ---------------------------------------------------------------------------------------------
// Runs and what dev prints about them

export interface ExampleRuns {
	list: ExecutionDetails;
	create: ExecutionDetails;
	/** The trigger's execution started by the contact the create example made, when it came in time. */
	trigger?: { id: string; status: string };
}

/** Publishes the trigger example, runs the other two once and waits for the delivery they cause. */
async function runExamples(
	server: N8nServer,
	client: N8nClient,
	examples: Record<ExampleKey, Example>,
	webhookBase: string,
	sandbox: Stack['sandbox'],
): Promise<ExampleRuns> {
	const trigger = examples.trigger.workflow;
	// The sandbox starts empty of webhook endpoints every time: publish afresh so it holds one.
	if ((await client.get<SavedWorkflow>(`/workflows/${trigger.id}`)).active)
		await unpublish(client, trigger);
	await publish(client, trigger);
	// n8n 2.x registers the webhook in the background after publishing returns.
	await waitFor('the published trigger to register its webhook endpoint in the sandbox', () =>
		sandbox
			.webhookEndpoints()
			.some((endpoint) => !endpoint.deleted && endpoint.url.startsWith(webhookBase)),
	);
	const before = new Set(
		(await listExecutions(client, trigger.id)).map((execution) => execution.id),
	);
	const list = await runManually(server, client, examples.list.workflow);
	const create = await runManually(server, client, examples.create.workflow);
	const triggered = await waitFor(
		'the trigger example to run on the created contact',
		async () =>
			(await listExecutions(client, trigger.id)).find(
				(execution) => !before.has(execution.id) && execution.status !== 'running',
			),
		{ timeoutMs: 20_000, intervalMs: 500 },
	).catch(() => undefined);
	return { list, create, trigger: triggered && { id: triggered.id, status: triggered.status } };
}

/** "success, 50 contacts" or "error in "Get many contacts": <n8n's message>". */
export function describeRun(
	run: ExecutionDetails,
	node: string,
	what?: (count: number) => string,
): string {
	if (run.status !== 'success') {
		const where = run.error?.node
			? ` in "${typeof run.error.node === 'string' ? run.error.node : (run.error.node as { name?: string }).name}"`
			: '';
		return `${run.status}${where}: ${run.error?.message ?? 'n8n gave no reason (open the run)'}`;
	}
	const items = run.output[node]?.length ?? 0;
	return what ? `success, ${what(items)}` : 'success';
}

function examplesReport(
	editor: string,
	examples: Record<ExampleKey, Example>,
	runs: ExampleRuns,
	triggerNote: string,
): string {
	const link = (workflow: SavedWorkflow, execution?: string) =>
		`${editor}/workflow/${workflow.id}${execution ? `/executions/${execution}` : ''}`;
	const contacts = (n: number) => `${n} contact${n === 1 ? '' : 's'}`;
	const rows: Array<[string, string, string]> = [
		[
			WORKFLOWS.list,
			link(examples.list.workflow),
			`run just now: ${describeRun(runs.list, 'Get many contacts', contacts)}\n      ${link(examples.list.workflow, runs.list.id)}`,
		],
		[
			WORKFLOWS.create,
			link(examples.create.workflow),
			`run just now: ${describeRun(runs.create, 'Create a contact')}\n      ${link(examples.create.workflow, runs.create.id)}`,
		],
		[
			WORKFLOWS.trigger,
			link(examples.trigger.workflow),
			runs.trigger
				? `published; the new contact started it: ${runs.trigger.status}\n      ${link(examples.trigger.workflow, runs.trigger.id)}`
				: `published ${triggerNote}; see its Executions tab`,
		],
	];
	return rows
		.map(([name, editorLink, run]) => `    ${name}\n      ${editorLink}\n      ${run}`)
		.join('\n');
}

function restoredReport(editor: string, examples: Record<ExampleKey, Example>): string {
	const lines: string[] = [];
	for (const key of EXAMPLE_KEYS) {
		const restored = examples[key].restored;
		if (!restored) continue;
		lines.push(
			`Put back "${WORKFLOWS[key]}": it had been changed in the editor (${restored.changes.join('; ')}).`,
			`  Your version is kept as "${restored.keptAs.name}": ${editor}/workflow/${restored.keptAs.id}`,
		);
	}
	return lines.join('\n');
}

/** What to do when a run failed although its example is as dev made it. */
function failureHint(runs: ExampleRuns, userFolder: string): string {
	if (runs.list.status === 'success' && runs.create.status === 'success') return '';
	return `
  A run failed although the examples are as npm run dev made them: open the run's link for the
  details, or start over with \`npm run dev -- --fresh\` (deletes ${userFolder}:
  every workflow, execution and credential of this local n8n).`;
}

// ---------------------------------------------------------------------------------------------
// OAuth2: a client registered for this n8n's redirect URL and a credential ready to Connect

/** The sandbox user to sign in as on the consent page (owner of tenant 1: every scope). */
export const DEV_OAUTH_USER = 'dana.whitaker@tenant1.example.com';
const DEV_OAUTH_CLIENT = { clientId: 'n8n-dev', clientSecret: 'n8n-dev-secret' };

/**
 * Registers the dev n8n's OAuth client in the sandbox (the sandbox forgets clients and tokens when
 * it stops, so every start) and creates or updates the OAuth2 credential. The client's ID and
 * secret stay the same between runs, so the credential in .tmp/dev/ keeps matching; its token
 * does not survive a restart of the sandbox, so it is connected again after each start.
 */
async function setUpDevOAuth(
	sandbox: Stack['sandbox'],
	client: N8nClient,
	n8nUrl: string,
): Promise<OAuthCredentialSetup> {
	return await setUpOAuthCredential(sandbox, client, n8nUrl, DEV_OAUTH_CLIENT);
}

function oauthReport(editor: string, oauth: DevOAuth): string {
	const state = oauth.connectError
		? `NOT connected (${oauth.connectError}); to connect it: ${editor}/home/credentials/${oauth.credential.id} → Connect`
		: `connected as ${DEV_OAUTH_USER} (until the sandbox stops: dev connects it again at each start)`;
	return `  OAuth2:    credential "${oauth.credential.name}" (client ${oauth.clientId}, redirect URL ${oauth.redirectUrl})
             ${state}
             (reconnecting by hand: Connect, then sign in on the sandbox's consent page as ${DEV_OAUTH_USER} / ${SANDBOX_USER_PASSWORD})
  New BuildWorkPro nodes start on the credential "${CREDENTIAL_NAME}" (API key): n8n picks the most recently saved one.`;
}

// ---------------------------------------------------------------------------------------------
// The recipes of examples/, published so that the seeded pipeline can start them

const examplesDir = join(repoRoot, 'examples');

export interface Recipe {
	file: string;
	workflow: SavedWorkflow;
	/** Why publishing failed (empty when it is live). */
	errors: string[];
}

/** The recipe files, in a stable order. */
export function recipeFiles(): Array<{ file: string; definition: WorkflowFile }> {
	return readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			definition: JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as WorkflowFile,
		}));
}

/**
 * Imports each recipe that is not there yet (by name, on the API key credential) as a user
 * importing the file would, and publishes it. One already there is kept as it is (edits
 * included) and published afresh: the sandbox forgets its webhook endpoints when it stops.
 */
export async function ensureRecipes(
	server: N8nServer,
	client: N8nClient,
	credential: CredentialRef,
): Promise<Recipe[]> {
	const existing = await activeWorkflows(client);
	const recipes: Recipe[] = [];
	for (const { file, definition } of recipeFiles()) {
		const match = existing.find((workflow) => workflow.name === definition.name);
		let workflow = match
			? await client.get<SavedWorkflow>(`/workflows/${match.id}`)
			: await importWorkflow(client, definition, credential);
		if (workflow.active) await unpublish(client, workflow);
		let errors: string[];
		try {
			errors = await publishAndWaitForOutcome(server, client, workflow);
		} catch (error) {
			errors = [(error as Error).message];
		}
		workflow = await client.get<SavedWorkflow>(`/workflows/${workflow.id}`);
		recipes.push({ file, workflow, errors });
	}
	return recipes;
}

function recipesReport(editor: string, recipes: Recipe[], webhookBase: string): string {
	return recipes
		.map((recipe) => {
			const state =
				recipe.errors.length === 0 ? 'published' : `NOT published: ${recipe.errors.join('; ')}`;
			const path = recipe.workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')
				?.parameters?.path;
			const url = path ? `\n      its form posts to ${webhookBase}/webhook/${String(path)}` : '';
			return `    ${recipe.workflow.name} (examples/${recipe.file}), ${state}\n      ${editor}/workflow/${recipe.workflow.id}${url}`;
		})
		.join('\n');
}

/** What to do in the editor with the seeded pipeline. */
function tryReport(
	pipeline: DemoPipeline,
	sandbox: Stack['sandbox'],
	recipes: Recipe[],
	webhookBase: string,
): string {
	const webForm = recipes.find((recipe) => recipe.file.startsWith('web-form'));
	const path = webForm?.workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')
		?.parameters?.path;
	return `  The sandbox's pipeline: ${pipeline.leads} leads (one in each stage), bids (${pipeline.draftBid.label} draft,
    ${pipeline.sentBid.label} sent, ${pipeline.acceptedBid.label} accepted and turned into project ${pipeline.project.label}),
    change order ${pipeline.approvedChangeOrder.label} approved, pay apps ${pipeline.approvedPayApp.label} approved and
    ${pipeline.submittedPayApp.label} submitted, invoice ${pipeline.invoice.label}. To try:
    - a BuildWorkPro node "Accept a bid" with Bid ID ${pipeline.sentBid.id}: the recipe "bid accepted → project" runs;
    - "Approve a pay application" with Pay App ID ${pipeline.submittedPayApp.id}: the recipe "pay application approved → invoice → send" runs;${
			path
				? `
    - a web-form lead: curl -X POST ${webhookBase}/webhook/${String(path)} -H 'Content-Type: application/json' \\
        -d '{"firstName":"Ada","lastName":"Stone","email":"ada@example.com","project":"Loft conversion"}'`
				: ''
		}
    (records: ${sandbox.baseUrl}/bids etc. with the API key above)`;
}

// ---------------------------------------------------------------------------------------------
// Credentials: the OAuth2 one connected, the API key one saved last

/**
 * Connects the OAuth2 credential as a person clicking Connect would, without a browser: n8n gives
 * the authorization URL, the sandbox's consent form is sent with the sandbox user's sign-in and
 * Approve, and the redirect goes to n8n's callback, which stores the token.
 */
export async function connectOAuthOverHttp(
	client: N8nClient,
	credentialId: string,
	user: { email: string; password: string },
): Promise<void> {
	const authorizationUrl = new URL(
		await client.get<string>(`/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`),
	);
	const form = new URLSearchParams({
		request_uri: `${authorizationUrl.pathname}${authorizationUrl.search}`,
		email: user.email,
		password: user.password,
		decision: 'approve',
	});
	const consent = await fetch(`${authorizationUrl.origin}${authorizationUrl.pathname}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
		redirect: 'manual',
	});
	const location = consent.headers.get('location');
	if (!location)
		throw new Error(
			`the consent form answered ${consent.status} without a redirect: ${(await consent.text()).slice(0, 200)}`,
		);
	const callback = new URL(location, authorizationUrl);
	const page = String(await client.send('GET', `${callback.pathname}${callback.search}`));
	if (!/Connection successful/i.test(page))
		throw new Error(
			`n8n's callback did not report success: ${page.replace(/<[^>]+>/g, ' ').slice(0, 300)}`,
		);
}

export interface DevOAuth extends OAuthCredentialSetup {
	/** Why connecting failed (then it is ready to Connect by hand); undefined when connected. */
	connectError?: string;
}

/**
 * Sets up the OAuth2 credential and connects it, then saves the API key credential once more.
 * n8n's editor gives a new node the most recently saved of the credentials it can use (and sets
 * the node's Authentication to match): saving the API key one last makes new BuildWorkPro nodes
 * start on the API key, which works whatever happened to the OAuth2 connection.
 */
async function setUpDevCredentials(
	sandbox: Stack['sandbox'],
	client: N8nClient,
	n8nUrl: string,
): Promise<DevOAuth> {
	const oauth: DevOAuth = await setUpDevOAuth(sandbox, client, n8nUrl);
	try {
		await connectOAuthOverHttp(client, oauth.credential.id, {
			email: DEV_OAUTH_USER,
			password: SANDBOX_USER_PASSWORD,
		});
	} catch (error) {
		oauth.connectError = (error as Error).message;
	}
	await upsertCredential(client, {
		name: CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: { apiKey: sandbox.keys.full, baseUrl: sandbox.baseUrl },
	});
	return oauth;
}

/**
 * Makes the installed package load n8n's own n8n-workflow, as it does in any real n8n. dev's user
 * folder is inside this repository (.tmp/dev/), so Node's lookup from the installed package would
 * otherwise reach the repository's node_modules/n8n-workflow (our development copy, another
 * version) before n8n's: a second copy whose error classes n8n does not recognise
 * (`instanceof NodeApiError` fails, and n8n's declarative routing re-wraps our errors as
 * "From BuildWorkPro · Error code: none"). A link in the user folder is found first.
 */
export function useN8nsWorkflowPackage(userFolder: string, n8nDir: string): void {
	const modules = join(userFolder, 'node_modules');
	mkdirSync(modules, { recursive: true });
	rmSync(join(modules, 'n8n-workflow'), { recursive: true, force: true });
	symlinkSync(join(n8nDir, 'node_modules', 'n8n-workflow'), join(modules, 'n8n-workflow'), 'dir');
}

export interface DevSession {
	editor: string;
	stack: Stack;
	/** The OAuth2 credential, connected (or why not). */
	oauth: DevOAuth;
	examples: Record<ExampleKey, Example>;
	recipes: Recipe[];
	pipeline: DemoPipeline;
	runs: ExampleRuns;
	stop(): Promise<string>;
}

/**
 * The whole local set-up: sandbox, n8n, credential, examples and their first runs. Also what
 * `npm run docs:screenshots` photographs (with its own user folder).
 */
export async function startDev(
	options: Pick<DevOptions, 'port' | 'sandboxPort' | 'seed' | 'fresh' | 'version'> & {
		userFolder?: string;
	},
	log: (line: string) => void = (line) => console.log(line),
): Promise<DevSession> {
	await assertPortFree(options.port, 'n8n', '--port');
	await assertPortFree(options.sandboxPort, 'sandbox', '--sandbox-port');

	log(
		'Building and packing the package, preparing n8n (the first run installs n8n: a few minutes)...',
	);
	const prepared = await prepare({ version: options.version }, log);
	const userFolder =
		options.userFolder ?? join(repoRoot, '.tmp', 'dev', `n8n-${prepared.install.version}`);
	if (options.fresh) rmSync(userFolder, { recursive: true, force: true });
	useN8nsWorkflowPackage(userFolder, prepared.install.dir);

	log(`Starting the sandbox and n8n ${prepared.install.version}...`);
	const stack = await startStack({
		version: prepared.install.version,
		userFolder,
		n8nPort: options.port,
		sandbox: { port: options.sandboxPort, seed: options.seed },
		log,
	});
	try {
		// Before any workflow listens, so seeding starts none.
		log('Seeding the sandbox with a construction pipeline...');
		const pipeline = await seedDemoPipeline(stack.sandbox.baseUrl, stack.sandbox.keys.full);
		const examples = await ensureExamples(stack.client, stack.credential);
		const runs = await runExamples(stack.n8n, stack.client, examples, stack.n8n.url, stack.sandbox);
		log('Publishing the recipes of examples/...');
		const recipes = await ensureRecipes(stack.n8n, stack.client, stack.credential);
		const oauth = await setUpDevCredentials(stack.sandbox, stack.client, stack.n8n.url);
		return {
			editor: stack.n8n.url,
			stack,
			oauth,
			examples,
			runs,
			recipes,
			pipeline,
			stop: () => stack.stop(),
		};
	} catch (error) {
		const message = `Setting up the examples failed: ${(error as Error).message}\n--- n8n log (${stack.n8n.logFile}) ---\n${stack.n8n.logTail(40)}`;
		await stack.stop();
		throw new Error(message);
	}
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		process.stdout.write(usage());
		return;
	}
	if (options.queue) return await mainQueue(options);

	const session = await startDev(options);
	const { stack, editor, examples, runs, oauth, recipes, pipeline } = session;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		const log = await session.stop();
		console.log(`n8n's log: ${relative(process.cwd(), log) || log}`);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const restored = restoredReport(editor, examples);
	const version = stack.prepared.install.version;
	console.log(`${restored ? `\n${restored}\n` : ''}
BuildWorkPro + n8n ${version} are running.

  Editor:    ${editor}
  Login:     ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}   (local demo account)
  Sandbox:   ${stack.sandbox.baseUrl}   API key ${stack.sandbox.keys.full}
             (credential "${stack.credential.name}" in n8n points here; ${options.seed} demo contacts and a pipeline)
${oauthReport(editor, oauth)}

  Example workflows (each run link opens that execution, with every node's output):
${examplesReport(editor, examples, runs, '')}
${failureHint(runs, relative(process.cwd(), stack.n8n.userFolder))}
  Recipes (examples/), started by what happens in BuildWorkPro:
${recipesReport(editor, recipes, editor)}

${tryReport(pipeline, stack.sandbox, recipes, editor)}

  Make the trigger fire: run "${WORKFLOWS.create}" again, or
    curl -X POST ${stack.sandbox.baseUrl}/contacts -H 'Authorization: Bearer ${stack.sandbox.keys.full}' \\
      -H 'Content-Type: application/json' -d '{"type":"customer","firstName":"Ada"}'

  n8n's data and log: ${relative(process.cwd(), stack.n8n.userFolder)}/ (log: n8n.log; \`npm run dev -- --fresh\` starts over)
  Press Ctrl-C to stop.`);
}

/** `--queue`: the same examples on a scaled-out n8n (main, webhook process, workers). */
async function mainQueue(options: DevOptions) {
	await assertPortFree(options.port, 'n8n main', '--port');
	await assertPortFree(options.webhookPort, 'n8n webhook process', '--webhook-port');
	await assertPortFree(options.sandboxPort, 'sandbox', '--sandbox-port');
	console.log(
		'Building and packing the package, preparing n8n (the first run installs n8n: a few minutes)...',
	);
	const prepared = await prepare({ version: options.version });
	console.log(
		`Starting Postgres, Redis, the sandbox and n8n ${prepared.install.version} in queue mode (about a minute)...`,
	);
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
		console.log(
			'\nStopping the workers, the webhook process, main, Redis, Postgres and the sandbox...',
		);
		const logs = await stack.stop();
		console.log(`n8n's logs are kept in ${logs}`);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const { client } = stack;
		const pipeline = await seedDemoPipeline(stack.sandbox.baseUrl, stack.sandbox.keys.full);
		// Nothing is kept between queue-mode runs, so the examples are always new.
		const examples = await ensureExamples(client, stack.credential);
		const runs = await runExamples(
			stack.main.server,
			client,
			examples,
			stack.webhookUrl,
			stack.sandbox,
		);
		const recipes = await ensureRecipes(stack.main.server, client, stack.credential);
		const oauth = await setUpDevCredentials(stack.sandbox, client, stack.main.server.url);
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
${oauthReport(editor, oauth)}

  Example workflows (each run link opens that execution, with every node's output):
${examplesReport(editor, examples, runs, '(deliveries go to the webhook process)')}
    (list ran on ${where(runs.list.id)}, create on ${where(runs.create.id)})
  Recipes (examples/), started by what happens in BuildWorkPro:
${recipesReport(editor, recipes, stack.webhookUrl)}

${tryReport(pipeline, stack.sandbox, recipes, stack.webhookUrl)}

  Logs while running: ${stack
		.processes()
		.map((proc) => proc.server.logFile)
		.join('\n                      ')}
  (copied to ${join('<tmp>', 'bwp-n8n-logs', 'queue-<date>')} when stopped; the path is printed then)
  Press Ctrl-C to stop everything (nothing is kept: the database lives as long as this run).`);
	} catch (error) {
		console.error(
			`Setting up the examples failed: ${(error as Error).message}\n--- main log ---\n${stack.main.server.logTail(40)}`,
		);
		await stop(1);
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(error instanceof UsageError ? 2 : 1);
	});
}
