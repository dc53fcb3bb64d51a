/**
 * Credentials: the API key credential's test request and Bearer authentication against the
 * sandbox, and the OAuth2 credential's shape. The test request is run the way n8n's credential
 * tester runs declarative tests: as the routing of a copy of our node, through n8n-core's
 * RoutingNode, with the test's `rules` deciding the message shown for a failed status.
 */
import type { ICredentialTestRequest, INodeType } from 'n8n-workflow';

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BuildWorkProApi } from '../../credentials/BuildWorkProApi.credentials';
import { BuildWorkProOAuth2Api } from '../../credentials/BuildWorkProOAuth2Api.credentials';
import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { registerNodeType, runNode } from '../harness';
import {
	apiKeyCredentials,
	apiRequests,
	runContactNode,
	serializedError,
	useSandbox,
} from './support';
import { API_COVERAGE } from '../api-coverage/manifest';
import { sharedDir } from '../sandbox/helpers';

const OPENAPI_PATH = join(sharedDir, 'openapi.json');
/** Checks that read the vendor's openapi.json run where it is (BWP_SHARED_DIR), as the contract tests do. */
const itWithSpec = existsSync(OPENAPI_PATH) ? it : it.skip;

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const credential = new BuildWorkProApi();
const credentialTestNodeType = (() => {
	const node = new BuildWorkPro();
	const tester: INodeType = {
		description: {
			...node.description,
			name: 'buildWorkProCredentialTest',
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credential.test.request },
				},
			],
		},
	};
	return registerNodeType(tester);
})();

/** n8n's verdict for a credential test: OK, or the message of the first rule matching the failed status. */
async function testCredential(
	apiKey: string,
	baseUrl = env.sandbox.baseUrl,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const result = await runNode({
		type: credentialTestNodeType,
		parameters: {},
		credentials: apiKeyCredentials(baseUrl, apiKey),
	});
	if (!result.error) return { status: 'OK', message: 'Connection successful!' };
	const statusCode = Number((result.error as { httpCode?: string }).httpCode);
	const rule = (credential.test as ICredentialTestRequest).rules?.find(
		(candidate) => candidate.type === 'responseCode' && candidate.properties.value === statusCode,
	);
	return {
		status: 'Error',
		message: rule ? String(rule.properties.message) : result.error.message,
	};
}

describe('BuildWorkPro API credential', () => {
	it('tests with GET /me and passes for a valid key', async () => {
		const verdict = await testCredential(env.sandbox.keys.full);

		expect(verdict.status).toBe('OK');
		const [call] = apiRequests(env.sandbox);
		expect(call).toMatchObject({ method: 'GET', path: '/api/v1/me', status: 200 });
	});

	it('passes for a key with the fewest scopes too (GET /me needs none)', async () => {
		expect((await testCredential(env.sandbox.keys.readOnly)).status).toBe('OK');
	});

	it('fails for an unknown key with a message that says the key was not accepted', async () => {
		const verdict = await testCredential('bwp_test_nobody_knows_this_key');

		expect(verdict).toEqual({
			status: 'Error',
			message: expect.stringMatching(/did not accept this API key/),
		});
		expect(apiRequests(env.sandbox)[0].status).toBe(401);
	});

	it('fails for a wrong Base URL with a message that points at the Base URL', async () => {
		const verdict = await testCredential(env.sandbox.keys.full, `${env.sandbox.url}/api/v2`);

		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/Base URL/);
	});

	it('authenticates node requests with "Authorization: Bearer <key>"', async () => {
		await runContactNode(env.sandbox, { operation: 'getAll' });

		const [call] = apiRequests(env.sandbox);
		expect(call.status).toBe(200);
		expect(call.keyName).toBe('Sandbox full access');
		expect(call.headers.authorization).toMatch(/^Bearer …/);
	});

	it('has the documented fields and defaults', () => {
		const fields = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(credential.name).toBe('buildWorkProApi');
		expect(credential.displayName).toBe('BuildWorkPro API');
		expect(fields.apiKey.typeOptions?.password).toBe(true);
		expect(fields.baseUrl.default).toBe('https://app.buildworkpro.com/api/v1');
	});
});

describe('BuildWorkPro OAuth2 API credential', () => {
	const oauth = new BuildWorkProOAuth2Api();
	const fields = Object.fromEntries(oauth.properties.map((p) => [p.name, p]));

	it("extends n8n's OAuth2 with the PKCE grant and the documented endpoints", () => {
		expect(oauth.name).toBe('buildWorkProOAuth2Api');
		expect(oauth.displayName).toBe('BuildWorkPro OAuth2 API');
		expect(oauth.extends).toEqual(['oAuth2Api']);
		expect(fields.grantType.default).toBe('pkce');
		expect(fields.authUrl.default).toBe('https://app.buildworkpro.com/api/v1/oauth/authorize');
		expect(fields.accessTokenUrl.default).toBe('https://app.buildworkpro.com/api/v1/oauth/token');
	});

	itWithSpec(
		"asks by default for every scope an operation of the node or the trigger's publish/unpublish needs, offline_access, and nothing the API does not define",
		() => {
			const openapi = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
				paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
			};
			const scopesOf = (key: string) => {
				const [method, path] = key.split(' ');
				return (openapi.paths[path]?.[method.toLowerCase()]?.security ?? []).flatMap(
					(requirement) => Object.values(requirement).flat(),
				);
			};
			const needed = new Set<string>([
				'offline_access',
				...scopesOf('POST /webhook-endpoints'),
				...scopesOf('DELETE /webhook-endpoints/{id}'),
			]);
			for (const [key, coverage] of Object.entries(API_COVERAGE))
				if (typeof coverage === 'string') for (const scope of scopesOf(key)) needed.add(scope);
			const defined = new Set<string>(['offline_access']);
			for (const methods of Object.values(openapi.paths))
				for (const operation of Object.values(methods))
					for (const requirement of operation.security ?? [])
						for (const scope of Object.values(requirement).flat()) defined.add(scope);

			const scopes = String(fields.scope.default).split(' ');
			expect(scopes.filter((scope) => !needed.has(scope) && !defined.has(scope))).toEqual([]);
			expect([...needed].filter((scope) => !scopes.includes(scope))).toEqual([]);
			expect(new Set(scopes).size).toBe(scopes.length);
		},
	);

	it("lets a public client leave the Client Secret empty, and sends a confidential client's secret in the form body", () => {
		expect(fields.clientSecret.required).toBe(false);
		expect(fields.clientSecret.typeOptions?.password).toBe(true);
		expect(fields.authentication).toMatchObject({ type: 'hidden', default: 'body' });
	});

	it('asks by default for every scope the nodes use, plus offline_access, space-separated', () => {
		const scopes = String(fields.scope.default).split(' ');
		expect(scopes).toEqual(
			expect.arrayContaining([
				'contacts:read',
				'contacts:write',
				'contacts:delete',
				'webhooks:manage',
				'offline_access',
			]),
		);
	});

	it('is used by the node when Authentication is OAuth2, sending the access token as Bearer', async () => {
		env.sandbox.seed(2);
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
			},
			credentials: {
				buildWorkProOAuth2Api: {
					baseUrl: env.sandbox.baseUrl,
					clientId: 'n8n-test-client',
					clientSecret: '',
					// The sandbox accepts its keys as bearer tokens, which stands in for an access token here.
					oauthTokenData: { access_token: env.sandbox.keys.full, token_type: 'Bearer' },
				},
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(2);
		expect(apiRequests(env.sandbox)[0].keyName).toBe('Sandbox full access');
		expect(serializedError(result)).not.toContain(env.sandbox.keys.full);
	});
});

describe('an OAuth2 credential that was never connected', () => {
	it('fails before sending anything, saying to open the credential and click Connect', async () => {
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'contact', operation: 'getAll' },
			credentials: {
				buildWorkProOAuth2Api: { baseUrl: env.sandbox.baseUrl, clientId: 'n8n-test-client' },
			},
		});

		// (the harness names each credential after its type)
		expect(result.error?.message).toBe(
			'The OAuth2 credential "buildWorkProOAuth2Api" is not connected: open it and click Connect',
		);
		expect(result.error?.description).toMatch(/Nothing was sent to BuildWorkPro\.$/);
		// An error of the node, not of BuildWorkPro: no "Error code" in the editor's details.
		expect(result.error?.name).toBe('NodeOperationError');
		expect((result.error as { httpCode?: unknown }).httpCode ?? null).toBeNull();
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('an expired OAuth2 access token', () => {
	it("is refreshed by n8n and the request repeated, because the node lets 401s reach n8n's OAuth2 handling", async () => {
		const { createServer } = await import('node:http');
		const tokenRequests: string[] = [];
		const tokenServer = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				tokenRequests.push(body);
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						access_token: env.sandbox.keys.full,
						refresh_token: 'rt-2',
						token_type: 'Bearer',
						expires_in: 3600,
					}),
				);
			});
		});
		await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
		const { port } = tokenServer.address() as { port: number };
		try {
			env.sandbox.seed(1);
			const result = await runNode({
				parameters: { authentication: 'oAuth2', resource: 'contact', operation: 'getAll' },
				credentials: {
					buildWorkProOAuth2Api: {
						baseUrl: env.sandbox.baseUrl,
						accessTokenUrl: `http://127.0.0.1:${port}/oauth/token`,
						clientId: 'n8n-test-client',
						clientSecret: '',
						oauthTokenData: {
							access_token: 'bwp_at_expired',
							refresh_token: 'rt-1',
							token_type: 'Bearer',
						},
					},
				},
			});

			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(1);
			expect(tokenRequests).toHaveLength(1);
			expect(tokenRequests[0]).toContain('grant_type=refresh_token');
			expect(apiRequests(env.sandbox).map((entry) => entry.status)).toEqual([401, 200]);
			expect(result.credentialUpdates.some((update) => update.kind === 'oauthTokenData')).toBe(
				true,
			);
		} finally {
			await new Promise<void>((resolve) => tokenServer.close(() => resolve()));
		}
	});
});
