/**
 * End to end, "Custom API Call": for an endpoint the BuildWorkPro node has no operation for, n8n
 * offers Custom API Call in the node's Resource and Operation lists, which leads to its own HTTP
 * Request node signed in with our credential (Authentication "Predefined Credential Type"). Here a
 * real n8n runs that HTTP Request node against the sandbox with the API key credential and with an
 * OAuth2 credential connected in the browser (as in oauth.e2e.test.ts), and the sandbox's request
 * log shows what each request carried.
 *
 * Chromium is Debian's `chromium` (installed here when missing and running as root; CHROMIUM=/path overrides).
 */
import {
	connectOAuthCredential,
	ensureChromium,
	openBrowser,
	type Browser,
} from '../../e2e/lib/browser';
import { packageName } from '../../e2e/lib/communityPackage';
import {
	createWorkflow,
	runManually,
	type CredentialRef,
	type ExecutionDetails,
	type WorkflowNode,
	manualTrigger,
} from '../../e2e/lib/n8nWorkflows';
import { groupAlive, waitFor } from '../../e2e/lib/process';
import {
	setUpOAuthCredential,
	startStack,
	type Stack,
	stepShowingN8nLog,
} from '../../e2e/lib/stack';
import { SANDBOX_USER_PASSWORD } from '../../sandbox';

const NODE_TYPE = `${packageName}.buildWorkPro`;
/** A sandbox user whose role (owner) grants every scope the credential asks for. */
const SIGN_IN_AS = 'dana.whitaker@tenant1.example.com';
const SEEDED_CONTACTS = 5;

let stack: Stack;
let browser: Browser | undefined;

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
	await browser?.close();
	if (!stack) return;
	const pid = stack.n8n.process.child.pid!;
	const log = await stack.stop();
	console.log(`n8n log kept at ${log}`);
	expect(groupAlive(pid)).toBe(false);
}, 60_000);

/** A test body whose failure also shows the end of n8n's log. */
const step = stepShowingN8nLog(() => stack?.n8n);

/**
 * n8n's HTTP Request node as Custom API Call sets it up: Authentication "Predefined Credential
 * Type" with our credential type, and the full URL of the endpoint the user wants.
 */
function httpRequest(
	credentialType: string,
	credential: CredentialRef,
	url: string,
	parameters: Record<string, unknown> = {},
): WorkflowNode {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		// 4.2 exists on n8n 1.123 and 2.40 alike.
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credentialType,
			options: {},
			...parameters,
		},
		credentials: { [credentialType]: { id: credential.id, name: credential.name } },
	};
}

function succeeded(execution: ExecutionDetails): Array<Record<string, unknown>> {
	if (execution.status !== 'success')
		throw new Error(
			`Execution ${execution.id} ended "${execution.status}": ${JSON.stringify(execution.error)}`,
		);
	return execution.output['HTTP Request'];
}

const lastSeq = () => stack.sandbox.requestLog().at(-1)?.seq ?? 0;

/** The requests to `path` the sandbox saw after `since` (the log keeps a token's last 4 characters). */
const requestsTo = (path: string, since: number) =>
	stack.sandbox
		.requestLog()
		.filter((entry) => entry.seq > since && entry.path === `/api/v1${path}`);

describe('Custom API Call in the BuildWorkPro node', () => {
	it(
		"is offered by n8n at the end of the Resource list and of every Operation list: our credentials can sign n8n's HTTP Request node",
		step(async () => {
			const nodeTypes = (await stack.client.send('GET', '/types/nodes.json')) as Array<{
				name: string;
				version: number | number[];
				defaultVersion?: number;
				properties: Array<{ name: string; options?: Array<{ name: string; value: unknown }> }>;
			}>;
			const versions = nodeTypes.filter((type) => type.name === NODE_TYPE);
			// n8n adds the option to the latest version of a node only.
			const latest = versions.find(
				(type) =>
					type.defaultVersion === undefined || [type.version].flat().includes(type.defaultVersion),
			)!;
			const lists = latest.properties.filter(
				(property) =>
					['resource', 'operation'].includes(property.name) && Array.isArray(property.options),
			);
			expect(lists.map((list) => list.name)).toContain('resource');
			for (const list of lists)
				expect(list.options?.at(-1)).toEqual({
					name: 'Custom API Call',
					value: '__CUSTOM_API_CALL__',
				});
		}),
	);
});

describe("n8n's HTTP Request node with the BuildWorkPro API credential", () => {
	it(
		'sends the request of the user’s choosing with the API key as a bearer token, and outputs the answer',
		step(async () => {
			const since = lastSeq();
			const workflow = await createWorkflow(stack.client, 'Custom API call (API key)', [
				manualTrigger(),
				httpRequest(
					'buildWorkProApi',
					stack.credential,
					`${stack.sandbox.baseUrl}/contacts/count?type=customer`,
				),
			]);

			const [answer] = succeeded(await runManually(stack.n8n, stack.client, workflow));

			expect(answer).toMatchObject({ data: { total: expect.any(Number) } });
			const [request, ...others] = requestsTo('/contacts/count', since);
			expect(others).toHaveLength(0);
			expect(request).toMatchObject({ method: 'GET', status: 200, query: { type: 'customer' } });
			expect(request.headers.authorization).toBe(`Bearer …${stack.sandbox.keys.full.slice(-4)}`);
			// n8n's HTTP Request node knows nothing of our Idempotency-Key or pacing.
			expect(request.headers['idempotency-key']).toBeUndefined();
		}),
	);

	it(
		"shows BuildWorkPro's error as the HTTP Request node words it, not as ours",
		step(async () => {
			const workflow = await createWorkflow(stack.client, 'Custom API call (not found)', [
				manualTrigger(),
				httpRequest(
					'buildWorkProApi',
					stack.credential,
					`${stack.sandbox.baseUrl}/contacts/999999`,
				),
			]);

			const execution = await runManually(stack.n8n, stack.client, workflow);

			expect(execution.status).toBe('error');
			expect(JSON.stringify(execution.error)).toMatch(/404|not found/i);
		}),
	);
});

describe("n8n's HTTP Request node with a connected BuildWorkPro OAuth2 credential", () => {
	it(
		"sends the request with the credential's access token, n8n refreshing it when it has expired",
		step(async () => {
			const chromium = ensureChromium();
			browser = await openBrowser(chromium);
			const setup = await setUpOAuthCredential(stack.sandbox, stack.client, stack.n8n.url, {
				name: 'BuildWorkPro OAuth2 (custom API call)',
			});
			await connectOAuthCredential(browser.page, {
				n8nUrl: stack.n8n.url,
				credentialId: setup.credential.id,
				redirectUrl: setup.redirectUrl,
				email: SIGN_IN_AS,
				password: SANDBOX_USER_PASSWORD,
			});
			await waitFor(
				'n8n to show the credential as connected',
				async () =>
					(
						await stack.client.get<{ data?: { oauthTokenData?: unknown } }>(
							`/credentials/${setup.credential.id}?includeData=true`,
						)
					).data?.oauthTokenData === true,
				{ timeoutMs: 10_000 },
			);
			const issuedTokens = () =>
				stack.sandbox.oauth
					.families()
					.filter((family) => family.clientId === setup.clientId)
					.flatMap((family) => family.accessTokens.map((token) => token.token));
			const workflow = await createWorkflow(stack.client, 'Custom API call (OAuth2)', [
				manualTrigger(),
				httpRequest(
					'buildWorkProOAuth2Api',
					setup.credential,
					`${stack.sandbox.baseUrl}/contacts?limit=2`,
				),
			]);

			const since = lastSeq();
			const [answer] = succeeded(await runManually(stack.n8n, stack.client, workflow));

			expect(answer).toMatchObject({ data: expect.any(Array) });
			expect((answer.data as unknown[]).length).toBe(2);
			const [request] = requestsTo('/contacts', since);
			expect(request).toMatchObject({ method: 'GET', status: 200 });
			const sentTail = /^Bearer …(\S{4})$/.exec(request.headers.authorization)?.[1];
			expect(issuedTokens().some((token) => token.endsWith(sentTail ?? '-none-'))).toBe(true);
			expect(request.keyName).toMatch(/^OAuth: /);

			// An expired access token: n8n's HTTP Request node refreshes it and sends the request again.
			stack.sandbox.oauth.expireAccessTokens();
			const afterExpiry = lastSeq();
			succeeded(await runManually(stack.n8n, stack.client, workflow));
			const statuses = requestsTo('/contacts', afterExpiry).map((entry) => entry.status);
			expect(statuses).toEqual([401, 200]);
		}),
	);
});
