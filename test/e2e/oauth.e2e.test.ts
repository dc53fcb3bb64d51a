/**
 * End to end, OAuth 2.1: a real n8n connects a `buildWorkProOAuth2Api` credential to the sandbox's
 * authorization server the way a person does it in the editor (n8n's own OAuth endpoints, the
 * sandbox's consent page in headless Chromium, n8n's callback), then runs the BuildWorkPro node and
 * publishes the trigger with it, across access-token expiries. BuildWorkPro rotates the refresh
 * token on every refresh and revokes the whole family when an old one is used again, so each
 * refresh is checked in the sandbox: exactly one, rotated, never a reuse.
 *
 * Chromium is Debian's `chromium` (installed here when missing and running as root; CHROMIUM=/path overrides).
 */
import { randomUUID } from 'node:crypto';

import {
	connectOAuthCredential,
	ensureChromium,
	openBrowser,
	type Browser,
} from '../../e2e/lib/browser';
import { packageName } from '../../e2e/lib/communityPackage';
import {
	createWorkflow,
	publish,
	runManually,
	unpublish,
	type CredentialRef,
	type ExecutionDetails,
	type SavedWorkflow,
	type WorkflowNode,
	manualTrigger,
} from '../../e2e/lib/n8nWorkflows';
import { locatorById, type NodeVersion } from '../../e2e/lib/nodeVersions';
import { groupAlive, waitFor } from '../../e2e/lib/process';
import {
	setUpOAuthCredential,
	startStack,
	type OAuthCredentialSetup,
	type Stack,
} from '../../e2e/lib/stack';
import { SANDBOX_USER_PASSWORD } from '../../sandbox';

const NODE_TYPE = `${packageName}.buildWorkPro`;
const TRIGGER_TYPE = `${packageName}.buildWorkProTrigger`;
/** A sandbox user whose role (owner) grants every scope the credential asks for. */
const SIGN_IN_AS = 'dana.whitaker@tenant1.example.com';
const SEEDED_CONTACTS = 30;

let stack: Stack;
let browser: Browser;
let chromium: string;

beforeAll(async () => {
	// Before n8n starts: without Chromium there is nothing to drive the Connect flow with.
	chromium = ensureChromium();
	stack = await startStack({
		version: process.env.N8N_E2E_VERSION,
		sandbox: { seed: SEEDED_CONTACTS },
	});
	console.log(
		`n8n ${stack.prepared.install.version} at ${stack.n8n.url}, sandbox at ${stack.sandbox.url}, Chromium ${chromium}`,
	);
	browser = await openBrowser(chromium);
}, 900_000);

afterAll(async () => {
	await browser?.close();
	if (!stack) return;
	const pid = stack.n8n.process.child.pid!;
	const log = await stack.stop();
	console.log(`n8n log kept at ${log}`);
	expect(groupAlive(pid)).toBe(false);
}, 60_000);

/** Wraps a test body so a failure also shows the end of n8n's log and where the browser was. */
function step(body: () => Promise<void>): () => Promise<void> {
	return async () => {
		try {
			await body();
		} catch (error) {
			const err = error as Error;
			const at = await browser?.page.url().catch(() => '?');
			const text = await browser?.page
				.evaluate<string>('document.body && document.body.innerText.slice(0, 600)')
				.catch(() => '?');
			err.message += `\n--- browser at ${at}: ${text}\n--- n8n log (last lines; ${stack?.n8n.logFile}) ---\n${stack?.n8n.logTail(60)}`;
			throw err;
		}
	};
}

const tokenRequests = (grantType: string, since: number) =>
	stack.sandbox
		.requestLog()
		.filter(
			(entry) =>
				entry.seq > since &&
				entry.method === 'POST' &&
				entry.path === '/api/v1/oauth/token' &&
				String(entry.body).includes(`grant_type=${grantType}`),
		);

const lastSeq = () => stack.sandbox.requestLog().at(-1)?.seq ?? 0;

const familiesOf = (clientId: string) =>
	stack.sandbox.oauth.families().filter((family) => family.clientId === clientId);

/**
 * Whether a logged request authenticated with an access token of the client's family (the log
 * keeps only a token's last characters, and names an OAuth caller "OAuth: <client> (<user>)").
 */
function sentOAuthToken(
	entry: { keyName?: string; headers: Record<string, string> },
	clientId: string,
): boolean {
	const tail = /^Bearer …(\S{4})$/.exec(entry.headers.authorization ?? '')?.[1];
	const issued = familiesOf(clientId).flatMap((family) =>
		family.accessTokens.map((token) => token.token),
	);
	return Boolean(
		entry.keyName?.startsWith('OAuth: ') &&
			tail &&
			issued.some((token) => token.startsWith('bwp_at_') && token.endsWith(tail)),
	);
}

/** Whether n8n holds a token for the credential: what the editor shows as "Account connected". */
async function isConnected(credential: CredentialRef): Promise<boolean> {
	const saved = await stack.client.get<{ data?: { oauthTokenData?: unknown } }>(
		`/credentials/${credential.id}?includeData=true`,
	);
	return saved.data?.oauthTokenData === true;
}

/** The Connect flow in the browser (e2e/lib/browser.ts), signing in as SIGN_IN_AS. */
async function connect(setup: OAuthCredentialSetup): Promise<URL> {
	return await connectOAuthCredential(browser.page, {
		n8nUrl: stack.n8n.url,
		credentialId: setup.credential.id,
		redirectUrl: setup.redirectUrl,
		email: SIGN_IN_AS,
		password: SANDBOX_USER_PASSWORD,
	});
}

function buildWorkPro(
	name: string,
	credential: CredentialRef,
	parameters: Record<string, unknown>,
	version: NodeVersion = 1,
): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: version,
		parameters: { authentication: 'oAuth2', resource: 'contact', ...parameters },
		credentials: { buildWorkProOAuth2Api: { id: credential.id, name: credential.name } },
	};
}

function succeeded(
	execution: ExecutionDetails,
	node = 'BuildWorkPro',
): Array<Record<string, unknown>> {
	if (execution.status !== 'success')
		throw new Error(
			`Execution ${execution.id} ended "${execution.status}": ${JSON.stringify(execution.error)}`,
		);
	return execution.output[node];
}

describe('an OAuth2 credential with a confidential client, connected in the browser', () => {
	let setup: OAuthCredentialSetup;
	let getMany: SavedWorkflow;

	beforeAll(async () => {
		setup = await setUpOAuthCredential(stack.sandbox, stack.client, stack.n8n.url, {
			name: 'BuildWorkPro OAuth2 (confidential)',
		});
	});

	it(
		'is not connected before the Connect flow',
		step(async () => {
			expect(await isConnected(setup.credential)).toBe(false);
			expect(familiesOf(setup.clientId)).toHaveLength(0);
		}),
	);

	it(
		'connects: n8n asks for PKCE S256 and offline_access, the person approves, n8n stores the token',
		step(async () => {
			const since = lastSeq();
			const authorizationUrl = await connect(setup);
			const query = authorizationUrl.searchParams;
			expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(
				`${stack.sandbox.baseUrl}/oauth/authorize`,
			);
			expect(query.get('response_type')).toBe('code');
			expect(query.get('client_id')).toBe(setup.clientId);
			expect(query.get('redirect_uri')).toBe(setup.redirectUrl);
			expect(query.get('code_challenge_method')).toBe('S256');
			expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(query.get('scope')?.split(' ')).toEqual(
				expect.arrayContaining(['contacts:read', 'webhooks:manage', 'offline_access']),
			);
			expect(query.get('state')).toBeTruthy();

			// n8n exchanged the code once, with the verifier and the secret in the form body.
			const exchanges = tokenRequests('authorization_code', since);
			expect(exchanges).toHaveLength(1);
			expect(exchanges[0].status).toBe(200);
			expect(String(exchanges[0].body)).toContain('code_verifier=');
			if (stack.n8n.major >= 2)
				expect(String(exchanges[0].body)).toContain(`client_id=${setup.clientId}`);
			// n8n 1.x sends a PKCE credential's secret as HTTP Basic, whatever its Authentication says.
			else expect(exchanges[0].headers.authorization).toBeTruthy();

			await waitFor(
				'n8n to show the credential as connected',
				() => isConnected(setup.credential),
				{ timeoutMs: 10_000 },
			);
			const [family, ...others] = familiesOf(setup.clientId);
			expect(others).toHaveLength(0);
			expect(family).toMatchObject({ userEmail: SIGN_IN_AS, revokedReason: null, rotations: 0 });
			expect(family.scopes).toEqual(expect.arrayContaining(['contacts:read', 'offline_access']));
			expect(family.activeRefreshToken).toMatch(/^bwp_rt_/);
		}),
	);

	it(
		'runs a workflow: Get Many contacts with the connected credential, an OAuth access token on the wire',
		step(async () => {
			getMany = await createWorkflow(stack.client, 'OAuth2: get contacts', [
				manualTrigger(),
				buildWorkPro('BuildWorkPro', setup.credential, { operation: 'getAll', returnAll: true }),
			]);
			const since = lastSeq();
			const items = succeeded(await runManually(stack.n8n, stack.client, getMany));
			expect(items).toHaveLength(stack.sandbox.contacts().length);
			const calls = stack.sandbox
				.requestLog()
				.filter((entry) => entry.seq > since && entry.path === '/api/v1/contacts');
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.every((entry) => sentOAuthToken(entry, setup.clientId))).toBe(true);
			expect(tokenRequests('refresh_token', since)).toHaveLength(0);
		}),
	);

	it(
		'runs node version 2 with it too: Get by ID (a record locator), an OAuth access token on the wire',
		step(async () => {
			const [contact] = stack.sandbox.contacts();
			const workflow = await createWorkflow(stack.client, 'OAuth2: get a contact (version 2)', [
				manualTrigger(),
				buildWorkPro(
					'BuildWorkPro',
					setup.credential,
					{ operation: 'get', contactId: locatorById(contact.id) },
					2,
				),
			]);
			const since = lastSeq();
			const [fetched] = succeeded(await runManually(stack.n8n, stack.client, workflow));
			expect(fetched).toMatchObject({ id: contact.id, email: contact.email });
			const calls = stack.sandbox
				.requestLog()
				.filter((entry) => entry.seq > since && entry.path === `/api/v1/contacts/${contact.id}`);
			expect(calls).toHaveLength(1);
			expect(sentOAuthToken(calls[0], setup.clientId)).toBe(true);
		}),
	);

	it(
		'after the access token expires, the next run refreshes once, repeats the request and n8n keeps the rotated refresh token',
		step(async () => {
			const [before] = familiesOf(setup.clientId);
			expect(stack.sandbox.oauth.expireAccessTokens()).toBeGreaterThan(0);
			const since = lastSeq();
			const items = succeeded(await runManually(stack.n8n, stack.client, getMany));
			expect(items).toHaveLength(stack.sandbox.contacts().length);

			const refreshes = tokenRequests('refresh_token', since);
			expect(refreshes.map((entry) => entry.status)).toEqual([200]);
			expect(String(refreshes[0].body)).toContain(`refresh_token=${before.activeRefreshToken}`);
			const contactCalls = stack.sandbox
				.requestLog()
				.filter((entry) => entry.seq > since && entry.path === '/api/v1/contacts');
			expect(contactCalls[0].status).toBe(401); // the expired token, then the same request again
			expect(contactCalls.at(-1)?.status).toBe(200);

			const [after] = familiesOf(setup.clientId);
			expect(after).toMatchObject({ id: before.id, rotations: 1, revokedReason: null });
			expect(after.activeRefreshToken).not.toBe(before.activeRefreshToken);
		}),
	);

	it(
		'a second expiry refreshes again with the rotated token: no reuse, the family lives on',
		step(async () => {
			const [before] = familiesOf(setup.clientId);
			stack.sandbox.oauth.expireAccessTokens();
			const since = lastSeq();
			succeeded(await runManually(stack.n8n, stack.client, getMany));
			const refreshes = tokenRequests('refresh_token', since);
			expect(refreshes.map((entry) => entry.status)).toEqual([200]);
			// The refresh token n8n sent is the one the first refresh issued: n8n stored the rotation.
			expect(String(refreshes[0].body)).toContain(`refresh_token=${before.activeRefreshToken}`);
			const [after] = familiesOf(setup.clientId);
			expect(after).toMatchObject({
				id: before.id,
				rotations: 2,
				revokedReason: null,
				revokedAt: null,
			});
			expect(after.refreshTokens.map((token) => token.state)).toEqual([
				'rotated',
				'rotated',
				'active',
			]);
		}),
	);

	it(
		'the BuildWorkPro Trigger publishes with it (one endpoint) and unpublishes (none)',
		step(async () => {
			const webhookId = randomUUID();
			const live = () =>
				stack.sandbox
					.webhookEndpoints()
					.filter((endpoint) => !endpoint.deleted && endpoint.url.includes(webhookId));
			const workflow = await createWorkflow(stack.client, 'OAuth2: on contact created', [
				{
					name: 'BuildWorkPro Trigger',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					webhookId,
					parameters: { authentication: 'oAuth2', events: ['contact.created'] },
					credentials: {
						buildWorkProOAuth2Api: { id: setup.credential.id, name: setup.credential.name },
					},
				},
				{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
			]);
			const since = lastSeq();
			await publish(stack.client, workflow);
			await waitFor('the trigger to register its endpoint', () => live().length === 1, {
				timeoutMs: 30_000,
			});
			const registered = stack.sandbox
				.requestLog()
				.filter(
					(entry) =>
						entry.seq > since &&
						entry.method === 'POST' &&
						entry.path === '/api/v1/webhook-endpoints',
				);
			expect(registered).toHaveLength(1);
			expect(sentOAuthToken(registered[0], setup.clientId)).toBe(true);
			expect(live()[0].url).toBe(`${stack.n8n.url}/webhook/${webhookId}/webhook`);

			const beforeUnpublish = lastSeq();
			await unpublish(stack.client, workflow);
			await waitFor('the trigger to delete its endpoint', () => live().length === 0, {
				timeoutMs: 30_000,
			});
			const deleted = stack.sandbox
				.requestLog()
				.filter(
					(entry) =>
						entry.seq > beforeUnpublish &&
						entry.method === 'DELETE' &&
						entry.path.startsWith('/api/v1/webhook-endpoints/'),
				);
			expect(deleted.map((entry) => sentOAuthToken(entry, setup.clientId))).toEqual([true]);
			const [family] = familiesOf(setup.clientId);
			expect(family.revokedReason).toBeNull();
		}),
	);

	it(
		'a revoked family fails the next run with the reconnect message, and n8n does not loop on refreshes',
		step(async () => {
			const [family] = familiesOf(setup.clientId);
			stack.sandbox.oauth.revokeFamilies(family.id);
			const since = lastSeq();
			const execution = await runManually(stack.n8n, stack.client, getMany);
			expect(execution.status).toBe('error');
			expect(execution.error?.message).toMatch(/reconnect the credential/i);
			expect(tokenRequests('refresh_token', since).length).toBeLessThanOrEqual(1);
		}),
	);
});

describe('an OAuth2 credential with a public client (PKCE, no secret)', () => {
	it(
		'connects in the browser and runs Get Many with a Limit',
		step(async () => {
			const setup = await setUpOAuthCredential(stack.sandbox, stack.client, stack.n8n.url, {
				name: 'BuildWorkPro OAuth2 (public)',
				confidential: false,
			});
			expect(setup.clientSecret).toBeNull();
			const since = lastSeq();
			await connect(setup);
			const [exchange] = tokenRequests('authorization_code', since);
			expect(exchange.status).toBe(200);
			expect(String(exchange.body)).not.toContain('client_secret');
			expect(
				await waitFor(
					'n8n to show the credential as connected',
					() => isConnected(setup.credential),
					{
						until: (connected) => connected,
						timeoutMs: 10_000,
					},
				),
			).toBe(true);

			const workflow = await createWorkflow(stack.client, 'OAuth2 public: get 5 contacts', [
				manualTrigger(),
				buildWorkPro('BuildWorkPro', setup.credential, {
					operation: 'getAll',
					returnAll: false,
					limit: 5,
				}),
			]);
			expect(succeeded(await runManually(stack.n8n, stack.client, workflow))).toHaveLength(5);
			expect(familiesOf(setup.clientId)).toEqual([
				expect.objectContaining({ revokedReason: null }),
			]);
		}),
	);
});
