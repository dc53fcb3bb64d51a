/**
 * Files end to end in a real n8n (this package installed from its tarball): a bid's PDF as binary
 * data in the execution, with its file name and the exact bytes BuildWorkPro's storage holds; a
 * contact export read back by n8n's own Extract From File node; a contact import from a CSV made
 * by n8n's own Convert to File node. Throughout, the storage host (another origin, on 127.0.0.1)
 * must never see a BuildWorkPro credential, and n8n's network settings must let the node reach it.
 *
 * The bytes are read back the way the editor's download button does (GET /rest/binary-data),
 * since n8n 2.x keeps binary data on the filesystem by default, not in the execution. Every check
 * runs on both versions of the node (version 2 takes the bid as a resource locator).
 */
import { contactResource } from '../../nodes/BuildWorkPro/resources/contact';
import { LOCAL_OWNER, startStack, type Stack, stepShowingN8nLog } from '../../e2e/lib/stack';
import {
	binaryOutput,
	createWorkflow,
	readExecutionBinary,
	upsertCredential,
	type CredentialRef,
	runManually,
	type ExecutionDetails,
	type WorkflowNode,
	manualTrigger,
} from '../../e2e/lib/n8nWorkflows';
import { packageName } from '../../e2e/lib/communityPackage';
import { NODE_VERSIONS, recordId, type NodeVersion } from '../../e2e/lib/nodeVersions';
import { groupAlive } from '../../e2e/lib/process';

const NODE_TYPE = `${packageName}.buildWorkPro`;
const SEEDED_CONTACTS = 240;

/** Whether the node offers Contact → Import yet (written in parallel; its test waits for it). */
const contactOperations = (contactResource.properties.find(
	(property) => property.name === 'operation',
)?.options ?? []) as Array<{ value: unknown }>;
const HAS_CONTACT_IMPORT = contactOperations.some((option) => option.value === 'import');

/** n8n 1.x has no SSRF protection setting (N8N_SSRF_*): its blocks are skipped there. */
const SSRF_SETTINGS = !/^1\./.test(process.env.N8N_E2E_VERSION ?? '');
const describeSsrf = SSRF_SETTINGS ? describe : describe.skip;
const SSRF_SKIP = SSRF_SETTINGS ? '' : ' (skipped: n8n 1.x has no SSRF protection settings)';

let stack: Stack;

/** Starts the stack (n8n with the package, sandbox) for one describe block and stops it after, n8n's process group gone. */
function useStack(n8nEnv?: Record<string, string>) {
	beforeAll(async () => {
		stack = await startStack({
			version: process.env.N8N_E2E_VERSION,
			sandbox: { seed: SEEDED_CONTACTS },
			n8nEnv,
		});
		console.log(
			`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}, storage at ${stack.sandbox.storageUrl}`,
		);
	}, 900_000);

	afterAll(async () => {
		if (!stack) return;
		const pid = stack.n8n.process.child.pid!;
		const log = await stack.stop();
		console.log(`n8n log kept at ${log}`);
		expect(groupAlive(pid)).toBe(false);
	}, 60_000);

	beforeEach(() => stack?.sandbox.clearStorageLog());
}

/** A test body whose failure also shows the end of n8n's log. */
const step = stepShowingN8nLog(() => stack?.n8n);

function buildWorkPro(
	name: string,
	parameters: Record<string, unknown>,
	credential: CredentialRef = stack.credential,
	version: NodeVersion = 1,
): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: version,
		parameters,
		credentials: { buildWorkProApi: { id: credential.id, name: credential.name } },
	};
}

function succeeded(execution: ExecutionDetails, nodeName: string): Array<Record<string, unknown>> {
	if (execution.status !== 'success')
		throw new Error(
			`Execution ${execution.id} ended "${execution.status}": ${JSON.stringify(execution.error)}`,
		);
	return execution.output[nodeName] ?? [];
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

/**
 * The storage listener was used, over 127.0.0.1 (a loopback address: what n8n's SSRF protection
 * blocks when it is switched on), and never saw an Authorization header or an API key.
 */
function expectStorageReachedWithoutCredential(minimumRequests = 1) {
	expect(new URL(stack.sandbox.storageUrl).hostname).toBe('127.0.0.1');
	expect(new URL(stack.sandbox.storageUrl).origin).not.toBe(new URL(stack.sandbox.baseUrl).origin);
	const seen = stack.sandbox.storageLog();
	expect(seen.length).toBeGreaterThanOrEqual(minimumRequests);
	for (const entry of seen) {
		expect({
			path: entry.path,
			status: entry.status,
			authorization: entry.authorization,
			credential: entry.credential,
		}).toEqual({
			path: entry.path,
			status: entry.status,
			authorization: false,
			credential: false,
		});
		expect(entry.headerNames).not.toContain('authorization');
		expect(entry.status).toBeLessThan(400);
	}
}

/** The file a finished job points to, fetched as the docs describe: 302, then the signed URL without credentials. */
async function jobArtifact(jobId: string): Promise<{ bytes: Buffer; type: string | null }> {
	const redirect = await fetch(`${stack.sandbox.baseUrl}/jobs/${jobId}/download`, {
		headers: { authorization: `Bearer ${stack.sandbox.keys.full}` },
		redirect: 'manual',
	});
	expect(redirect.status).toBe(302);
	const file = await fetch(redirect.headers.get('location')!);
	expect(file.status).toBe(200);
	return { bytes: Buffer.from(await file.arrayBuffer()), type: file.headers.get('content-type') };
}

/** Nothing n8n stored about the execution holds a signed URL's signature or the API key. */
function expectNoSecretIn(execution: ExecutionDetails) {
	const stored = JSON.stringify(execution.raw);
	expect(stored).not.toContain(stack.sandbox.keys.full);
	expect(stored).not.toMatch(/X-Amz-Signature/i);
	expect(stored).not.toMatch(
		new RegExp(
			`${stack.sandbox.storageUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^"]*\\?[^"]*(sig|signature|expires)=`,
			'i',
		),
	);
}

describe('files in a real n8n', () => {
	useStack();

	describe.each(NODE_VERSIONS)('node version %i', (version) => {
		it(
			'Bid → Download PDF puts the PDF in the execution as binary data: its file name, type and the exact bytes of the storage host',
			step(async () => {
				const created = await callSandbox('POST', '/bids', { name: 'Cedar Park slab (e2e)' });
				expect(created.status).toBe(201);
				const bid = created.body.data as { id: number; bidNumber: string };

				const workflow = await createWorkflow(stack.client, `e2e: bid PDF (version ${version})`, [
					manualTrigger(),
					buildWorkPro(
						'Bid PDF',
						{
							resource: 'bid',
							operation: 'downloadPdf',
							bidId: recordId(version, bid.id),
						},
						stack.credential,
						version,
					),
				]);
				const execution = await runManually(stack.n8n, stack.client, workflow);

				const [json] = succeeded(execution, 'Bid PDF');
				expect(json).toEqual(
					expect.objectContaining({
						id: bid.id,
						jobId: expect.stringMatching(/^job_/),
						fileName: `bid-${bid.bidNumber}.pdf`,
						mimeType: 'application/pdf',
					}),
				);
				const [binaries] = binaryOutput(execution, 'Bid PDF');
				const binary = binaries?.data;
				expect(binary).toEqual(
					expect.objectContaining({
						fileName: `bid-${bid.bidNumber}.pdf`,
						mimeType: 'application/pdf',
						fileExtension: 'pdf',
					}),
				);
				// Checked before this test fetches the artifact itself: only the node's requests so far.
				expectStorageReachedWithoutCredential(1);

				const stored = await readExecutionBinary(stack.n8n, LOCAL_OWNER, binary);
				expect(stored.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
				const artifact = await jobArtifact(String(json.jobId));
				expect(stored.bytes.equals(artifact.bytes)).toBe(true);
				expect(json.bytes).toBe(artifact.bytes.length);
				expectNoSecretIn(execution);
			}),
		);

		it(
			"Contact → Export, then n8n's Extract From File (CSV), gives every contact back",
			step(async () => {
				const workflow = await createWorkflow(
					stack.client,
					`e2e: contact export (version ${version})`,
					[
						manualTrigger(),
						buildWorkPro(
							'Export Contacts',
							{ resource: 'contact', operation: 'export' },
							stack.credential,
							version,
						),
						{
							name: 'Extract From File',
							type: 'n8n-nodes-base.extractFromFile',
							typeVersion: 1,
							parameters: { operation: 'csv', binaryPropertyName: 'data', options: {} },
						},
					],
				);
				const execution = await runManually(stack.n8n, stack.client, workflow);

				const [exported] = succeeded(execution, 'Export Contacts');
				const contacts = stack.sandbox.contacts();
				expect(contacts.length).toBeGreaterThanOrEqual(SEEDED_CONTACTS);
				expect(exported).toEqual(
					expect.objectContaining({ rowCount: contacts.length, mimeType: 'text/csv' }),
				);
				const rows = succeeded(execution, 'Extract From File');
				expect(rows).toHaveLength(contacts.length);
				expect(rows.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(
					contacts.map((contact) => contact.id).sort((a, b) => a - b),
				);
				// Every contact's values, as strings; Extract From File leaves a CSV's empty cells out of the item.
				const FIELDS = ['firstName', 'lastName', 'companyName', 'email', 'phone', 'type'] as const;
				const pick = (values: Record<string, unknown>) =>
					Object.fromEntries(FIELDS.map((field) => [field, String(values[field] ?? '')]));
				const byId = new Map(rows.map((row) => [Number(row.id), pick(row)]));
				for (const contact of contacts)
					expect({ id: contact.id, ...byId.get(contact.id) }).toEqual({
						id: contact.id,
						...pick(contact as unknown as Record<string, unknown>),
					});
				expectStorageReachedWithoutCredential(1);
				expectNoSecretIn(execution);
			}),
		);

		(HAS_CONTACT_IMPORT ? it : it.skip)(
			`Contact → Import from a CSV made by n8n's Convert to File node creates the rows${HAS_CONTACT_IMPORT ? '' : ' (skipped: Contact → Import does not exist in the node yet)'}`,
			step(async () => {
				const marker = `e2e-import-${Date.now()}`;
				const people = [
					{
						firstName: 'Ada',
						lastName: 'Brennan',
						email: `ada.${marker}@example.com`,
						type: 'customer',
					},
					{
						firstName: 'Luis',
						lastName: 'Ortega',
						email: `luis.${marker}@example.com`,
						type: 'vendor',
					},
					{
						firstName: 'Mei',
						lastName: 'Tanaka',
						email: `mei.${marker}@example.com`,
						type: 'subcontractor',
					},
				];
				const before = stack.sandbox.contacts().length;
				const workflow = await createWorkflow(
					stack.client,
					`e2e: contact import (version ${version})`,
					[
						manualTrigger(),
						{
							name: 'Rows',
							type: 'n8n-nodes-base.code',
							typeVersion: 2,
							parameters: { jsCode: `return ${JSON.stringify(people.map((json) => ({ json })))};` },
						},
						{
							name: 'Convert to File',
							type: 'n8n-nodes-base.convertToFile',
							typeVersion: 1.1,
							parameters: { operation: 'csv', binaryPropertyName: 'data', options: {} },
						},
						buildWorkPro(
							'Import Contacts',
							{
								resource: 'contact',
								operation: 'import',
								binaryPropertyName: 'data',
							},
							stack.credential,
							version,
						),
					],
				);
				const execution = await runManually(stack.n8n, stack.client, workflow);

				const [job] = succeeded(execution, 'Import Contacts');
				expect(job).toEqual(expect.objectContaining({ status: 'succeeded' }));
				const contacts = stack.sandbox.contacts();
				expect(contacts.length).toBe(before + people.length);
				for (const person of people) {
					expect(contacts.find((contact) => contact.email === person.email)).toEqual(
						expect.objectContaining(person),
					);
				}
				// The upload went to the storage host (PUT to the signed URL), without credentials.
				expect(stack.sandbox.storageLog().some((entry) => entry.method === 'PUT')).toBe(true);
				expectStorageReachedWithoutCredential(1);
				expectNoSecretIn(execution);
			}),
		);
	});
});

/**
 * Self-hosters who switch on n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED; off by default in
 * n8n 2.40) block private and loopback addresses, so both BuildWorkPro hosts must be allowed: the
 * API's and the storage host the download links point to. Here the API is reached as "localhost"
 * (allowed by name) and the storage host as 127.0.0.1 (loopback, blocked until allowed).
 */
describeSsrf(`files with n8n's SSRF protection on${SSRF_SKIP}`, () => {
	useStack({ N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' });

	async function localhostCredential(): Promise<CredentialRef> {
		return await upsertCredential(stack.client, {
			name: 'BuildWorkPro sandbox (localhost)',
			type: 'buildWorkProApi',
			data: {
				apiKey: stack.sandbox.keys.full,
				baseUrl: stack.sandbox.baseUrl.replace('//127.0.0.1:', '//localhost:'),
			},
		});
	}

	describe.each(NODE_VERSIONS)('node version %i', (version) => {
		it(
			'with only the API host allowed, Download PDF fails naming the storage host, no signature in the error, and nothing reached storage',
			step(async () => {
				const bid = (await callSandbox('POST', '/bids', { name: 'SSRF check' })).body.data as {
					id: number;
				};
				const workflow = await createWorkflow(
					stack.client,
					`e2e: bid PDF, storage host blocked (version ${version})`,
					[
						manualTrigger(),
						buildWorkPro(
							'Bid PDF',
							{ resource: 'bid', operation: 'downloadPdf', bidId: recordId(version, bid.id) },
							await localhostCredential(),
							version,
						),
					],
				);
				const execution = await runManually(stack.n8n, stack.client, workflow);

				expect(execution.status).toBe('error');
				const shown = `${execution.error?.message ?? ''}\n${execution.error?.description ?? ''}`;
				expect(shown).toContain(new URL(stack.sandbox.storageUrl).host);
				expect(shown).toMatch(/restricted IP address/);
				expect(shown).not.toMatch(/X-Amz-Signature|X-Amz-Date/i);
				expect(stack.sandbox.storageLog()).toHaveLength(0);
				// The API itself was reached (the job was started): only the storage host was refused.
				expect(
					stack.sandbox
						.requestLog()
						.some(
							(entry) => entry.method === 'POST' && entry.path === `/api/v1/bids/${bid.id}/pdf`,
						),
				).toBe(true);
				expectNoSecretIn(execution);
			}),
		);
	});
});

describeSsrf(`files with n8n's SSRF protection on and the storage host allowed${SSRF_SKIP}`, () => {
	useStack({ N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' });

	describe.each(NODE_VERSIONS)('node version %i', (version) => {
		it(
			'Download PDF reaches the storage host on 127.0.0.1 and hands over the PDF, still without credentials there',
			step(async () => {
				const bid = (await callSandbox('POST', '/bids', { name: 'SSRF allowed' })).body.data as {
					id: number;
					bidNumber: string;
				};
				const workflow = await createWorkflow(
					stack.client,
					`e2e: bid PDF, SSRF protection on (version ${version})`,
					[
						manualTrigger(),
						buildWorkPro(
							'Bid PDF',
							{
								resource: 'bid',
								operation: 'downloadPdf',
								bidId: recordId(version, bid.id),
							},
							stack.credential,
							version,
						),
					],
				);
				const execution = await runManually(stack.n8n, stack.client, workflow);

				const [json] = succeeded(execution, 'Bid PDF');
				expect(json).toEqual(
					expect.objectContaining({
						id: bid.id,
						fileName: `bid-${bid.bidNumber}.pdf`,
						mimeType: 'application/pdf',
					}),
				);
				expectStorageReachedWithoutCredential(1);
				const stored = await readExecutionBinary(
					stack.n8n,
					LOCAL_OWNER,
					binaryOutput(execution, 'Bid PDF')[0].data,
				);
				expect(stored.bytes.equals((await jobArtifact(String(json.jobId))).bytes)).toBe(true);
			}),
		);
	});
});
