/**
 * The sandbox's OAuth 2.1 authorization server, against openapi.json's /oauth/* entries and API.md's
 * "OAuth 2.1" section: PKCE S256 only, single-use codes, rotating refresh tokens whose reuse revokes
 * the family, RFC 7009 revocation, userinfo, RFC 7591 registration, the HTML consent page, and
 * `bwp_at_` tokens on the API (granted scopes, expiry, tenant budget only).
 */
import { createHash, randomBytes } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Sandbox } from '../../sandbox';
import { expectMatchesSchema, openapi, withSandbox, type Client } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
if (openapi) ajv.addSchema(openapi, 'https://sandbox.test/openapi.json');

interface Reply {
	status: number;
	headers: Headers;
	text: string;
	body: Json;
}

/** Checks an OAuth JSON answer (no envelope) against the openapi response schema of its status. */
function expectOAuthSchema(res: Reply, method: string, template: string): void {
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	if (!openapi) return;
	const schema =
		openapi.paths[template][method.toLowerCase()].responses[String(res.status)]?.content?.[
			'application/json'
		]?.schema;
	if (!schema)
		throw new Error(`openapi.json declares no ${res.status} JSON body for ${method} ${template}`);
	const validate = ajv.compile({ $ref: `https://sandbox.test/openapi.json${schema.$ref}` });
	if (!validate(res.body))
		throw new Error(
			`${method} ${template} → ${res.status}: ${ajv.errorsText(validate.errors)}\n${res.text}`,
		);
}

const pkce = () => {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const DANA = 'dana.whitaker@tenant1.example.com';
const PRIYA = 'priya.raman@tenant1.example.com';
const SAM = 'sam.becker@tenant1.example.com';

describe('sandbox OAuth 2.1 authorization server', () => {
	let sandbox: Sandbox;
	let client: Client;
	let redirectUri: string;
	const confidential = { client_id: 'n8n-sandbox', client_secret: 'n8n-sandbox-secret' };
	const publicClient = { client_id: 'n8n-sandbox-public' };

	beforeAll(async () => {
		({ sandbox, client } = await withSandbox());
		redirectUri = sandbox.oauth.seeded.redirectUris[0];
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.setRateLimit({ keyLimit: 60 });
		sandbox.oauth.configure({
			autoApprove: DANA,
			accessTokenTtlSeconds: 3600,
			codeTtlSeconds: 60,
			registrationsPerMinute: 5,
		});
	});

	async function send(
		method: string,
		path: string,
		init: {
			form?: Record<string, string>;
			json?: unknown;
			headers?: Record<string, string>;
			query?: Record<string, string>;
		} = {},
	): Promise<Reply> {
		const url = new URL(sandbox.baseUrl + path);
		for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
		const headers: Record<string, string> = { ...init.headers };
		let body: string | undefined;
		if (init.form) {
			body = new URLSearchParams(init.form).toString();
			headers['content-type'] ??= 'application/x-www-form-urlencoded';
		} else if (init.json !== undefined) {
			body = JSON.stringify(init.json);
			headers['content-type'] ??= 'application/json';
		}
		const res = await fetch(url, { method, headers, body, redirect: 'manual' });
		const text = await res.text();
		let parsed: Json;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: res.status, headers: res.headers, text, body: parsed };
	}

	/** GET /oauth/authorize with the usual parameters (overridable; undefined drops one). */
	function authorizeQuery(
		overrides: Record<string, string | undefined> = {},
		challenge = pkce().challenge,
	): Record<string, string> {
		const query: Record<string, string | undefined> = {
			response_type: 'code',
			client_id: confidential.client_id,
			redirect_uri: redirectUri,
			code_challenge: challenge,
			code_challenge_method: 'S256',
			scope: 'contacts:read contacts:write offline_access',
			state: 'state-123',
			...overrides,
		};
		return Object.fromEntries(
			Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
		);
	}

	const location = (res: Reply) => {
		expect(res.status).toBe(302);
		return new URL(res.headers.get('location')!);
	};

	/** Runs authorize (auto-approved) and answers the code with its verifier. */
	async function getCode(overrides: Record<string, string | undefined> = {}) {
		const { verifier, challenge } = pkce();
		const res = await send('GET', '/oauth/authorize', {
			query: authorizeQuery(overrides, challenge),
		});
		const to = location(res);
		expect(to.searchParams.get('state')).toBe(overrides.state ?? 'state-123');
		return { code: to.searchParams.get('code')!, verifier };
	}

	async function token(
		form: Record<string, string>,
		headers: Record<string, string> = {},
	): Promise<Reply> {
		const res = await send('POST', '/oauth/token', { form, headers });
		expectOAuthSchema(res, 'POST', '/oauth/token');
		expect(res.headers.get('cache-control')).toBe('no-store');
		return res;
	}

	async function exchange(
		code: string,
		verifier: string,
		auth: Record<string, string> = confidential,
	) {
		return token({
			grant_type: 'authorization_code',
			code,
			code_verifier: verifier,
			redirect_uri: redirectUri,
			...auth,
		});
	}

	/** A full connection: authorize + code exchange; answers the token reply's body. */
	async function connect(
		scope = 'contacts:read contacts:write offline_access',
		auth: Record<string, string> = confidential,
	) {
		const { code, verifier } = await getCode({ scope, client_id: auth.client_id });
		const res = await exchange(code, verifier, auth);
		expect(res.status).toBe(200);
		return res.body as {
			access_token: string;
			refresh_token?: string;
			scope: string;
			expires_in: number;
			token_type: string;
		};
	}

	const refresh = (
		refreshToken: string,
		extra: Record<string, string> = {},
		auth: Record<string, string> = confidential,
	) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...auth, ...extra });

	const api = (method: string, path: string, accessToken: string, body?: unknown) =>
		client.call(method, path, { key: accessToken, body });

	describe('token endpoint: authorization code with PKCE', () => {
		it('exchanges a code for a bwp_at_ access token and a bwp_rt_ refresh token, not cacheable, with the configured lifetime', async () => {
			sandbox.oauth.configure({ accessTokenTtlSeconds: 120 });
			const { code, verifier } = await getCode();
			const res = await exchange(code, verifier);
			expect(res.status).toBe(200);
			expect(res.body).toEqual({
				access_token: expect.stringMatching(/^bwp_at_[A-Za-z0-9_-]{20,}$/),
				refresh_token: expect.stringMatching(/^bwp_rt_[A-Za-z0-9_-]{20,}$/),
				token_type: 'Bearer',
				expires_in: 120,
				scope: 'contacts:read contacts:write offline_access',
			});
			expect(res.headers.get('pragma')).toBe('no-cache');
			expect((await api('GET', '/contacts', res.body.access_token)).status).toBe(200);
		});

		it('accepts the client secret in HTTP Basic as well as in the body', async () => {
			const { code, verifier } = await getCode();
			const basic = Buffer.from(`${confidential.client_id}:${confidential.client_secret}`).toString(
				'base64',
			);
			const res = await token(
				{
					grant_type: 'authorization_code',
					code,
					code_verifier: verifier,
					redirect_uri: redirectUri,
				},
				{ authorization: `Basic ${basic}` },
			);
			expect(res.status).toBe(200);
			// A secret with reserved characters, sent form-encoded (RFC 6749 §2.3.1) or literally.
			const secret = 'p@ss:w rd+/%';
			sandbox.oauth.registerClient({
				clientId: 'odd-secret',
				clientSecret: secret,
				redirectUris: [redirectUri],
			});
			for (const sent of [`odd-secret:${encodeURIComponent(secret)}`, `odd-secret:${secret}`]) {
				const again = await getCode({ client_id: 'odd-secret' });
				const header = { authorization: `Basic ${Buffer.from(sent).toString('base64')}` };
				expect(
					(
						await token(
							{ grant_type: 'authorization_code', code: again.code, code_verifier: again.verifier },
							header,
						)
					).status,
				).toBe(200);
			}
		});

		it('lets a public client exchange with its client_id and the verifier only', async () => {
			const tokens = await connect('contacts:read offline_access', publicClient);
			expect(tokens.refresh_token).toMatch(/^bwp_rt_/);
			expect((await refresh(tokens.refresh_token!, {}, publicClient)).status).toBe(200);
		});

		it('refuses a wrong, missing or misplaced client authentication with 401 invalid_client', async () => {
			const { code, verifier } = await getCode();
			const base = {
				grant_type: 'authorization_code',
				code,
				code_verifier: verifier,
				redirect_uri: redirectUri,
			};
			const attempts: Array<Record<string, string>> = [
				{ client_id: 'n8n-sandbox', client_secret: 'wrong' },
				{ client_id: 'n8n-sandbox' },
				{ client_id: 'no-such-client' },
				{
					client_id: 'n8n-sandbox-public',
					client_secret: 'a-secret-a-public-client-does-not-have',
				},
			];
			for (const auth of attempts) {
				const res = await token({ ...base, ...auth });
				expect(res.status).toBe(401);
				expect(res.body.error).toBe('invalid_client');
			}
			const basic = await token(base, {
				authorization: `Basic ${Buffer.from('n8n-sandbox:wrong').toString('base64')}`,
			});
			expect(basic.status).toBe(401);
			expect(basic.headers.get('www-authenticate')).toMatch(/^Basic/);
			// None of these consumed the code.
			expect((await exchange(code, verifier)).status).toBe(200);
		});

		it('refuses a wrong code_verifier with invalid_grant', async () => {
			const { code } = await getCode();
			const res = await exchange(code, pkce().verifier);
			expect(res.status).toBe(400);
			expect(res.body.error).toBe('invalid_grant');
		});

		it('lets a code work once; its second use fails and revokes the tokens the first one issued', async () => {
			const { code, verifier } = await getCode();
			const first = await exchange(code, verifier);
			expect(first.status).toBe(200);
			const second = await exchange(code, verifier);
			expect(second.status).toBe(400);
			expect(second.body).toEqual({
				error: 'invalid_grant',
				error_description: expect.stringMatching(/already used/),
			});
			const after = await api('GET', '/contacts', first.body.access_token);
			expect(after.status).toBe(401);
			expect(after.body.code).toBe('unauthorized');
			expect((await refresh(first.body.refresh_token)).body.error).toBe('invalid_grant');
			expect(sandbox.oauth.families()[0]).toMatchObject({
				revokedReason: 'code_reuse',
				activeRefreshToken: null,
			});
		});

		it("refuses an expired code, another redirect_uri and another client's code with invalid_grant", async () => {
			sandbox.oauth.configure({ codeTtlSeconds: 0 });
			const expired = await getCode();
			expect((await exchange(expired.code, expired.verifier)).body.error).toBe('invalid_grant');
			sandbox.oauth.configure({ codeTtlSeconds: 60 });
			const { code, verifier } = await getCode();
			const other = await token({
				grant_type: 'authorization_code',
				code,
				code_verifier: verifier,
				redirect_uri: sandbox.oauth.seeded.redirectUris[1],
				...confidential,
			});
			expect(other.body.error).toBe('invalid_grant');
			expect((await exchange(code, verifier, publicClient)).body.error).toBe('invalid_grant');
		});

		it('answers RFC 6749 errors for a JSON body, a missing or unsupported grant_type and missing parameters', async () => {
			const json = await send('POST', '/oauth/token', {
				json: { grant_type: 'authorization_code', ...confidential },
			});
			expect(json.status).toBe(400);
			expectOAuthSchema(json, 'POST', '/oauth/token');
			expect(json.body.error).toBe('invalid_request');
			expect((await token({ ...confidential })).body.error).toBe('invalid_request');
			const credentials = await token({ grant_type: 'client_credentials', ...confidential });
			expect(credentials.status).toBe(400);
			expect(credentials.body.error).toBe('unsupported_grant_type');
			expect((await token({ grant_type: 'authorization_code', ...confidential })).body.error).toBe(
				'invalid_request',
			);
			expect((await token({ grant_type: 'refresh_token', ...confidential })).body.error).toBe(
				'invalid_request',
			);
			expect(
				(
					await token({
						grant_type: 'refresh_token',
						refresh_token: 'bwp_rt_unknown',
						...confidential,
					})
				).body.error,
			).toBe('invalid_grant');
		});

		it('issues no refresh token without offline_access', async () => {
			const tokens = await connect('contacts:read');
			expect(tokens.refresh_token).toBeUndefined();
			expect(tokens.scope).toBe('contacts:read');
		});
	});

	describe('authorize: validation', () => {
		it('refuses plain PKCE, a missing method and a missing challenge by redirecting with invalid_request and the state', async () => {
			for (const overrides of [
				{ code_challenge_method: 'plain' },
				{ code_challenge_method: undefined },
				{ code_challenge: undefined },
				{ code_challenge: 'too-short' },
			]) {
				const to = location(
					await send('GET', '/oauth/authorize', { query: authorizeQuery(overrides) }),
				);
				expect(`${to.origin}${to.pathname}`).toBe(redirectUri);
				expect(to.searchParams.get('error')).toBe('invalid_request');
				expect(to.searchParams.get('state')).toBe('state-123');
				expect(to.searchParams.get('code')).toBeNull();
			}
		});

		it('redirects an unsupported response_type and unknown or unregistered scopes as errors', async () => {
			expect(
				location(
					await send('GET', '/oauth/authorize', {
						query: authorizeQuery({ response_type: 'token' }),
					}),
				).searchParams.get('error'),
			).toBe('unsupported_response_type');
			expect(
				location(
					await send('GET', '/oauth/authorize', {
						query: authorizeQuery({ scope: 'contacts:read planets:read' }),
					}),
				).searchParams.get('error'),
			).toBe('invalid_scope');
			const narrow = sandbox.oauth.registerClient({
				name: 'Narrow app',
				redirectUris: [redirectUri],
				scope: 'contacts:read',
			});
			const to = location(
				await send('GET', '/oauth/authorize', {
					query: authorizeQuery({ client_id: narrow.client_id as string, scope: 'contacts:write' }),
				}),
			);
			expect(to.searchParams.get('error')).toBe('invalid_scope');
		});

		it('shows an HTML error page, never a redirect, for an unknown client or a redirect_uri that is not registered exactly', async () => {
			for (const overrides of [
				{ client_id: 'no-such-client' },
				{ client_id: undefined },
				{ redirect_uri: 'https://evil.example.com/callback' },
				{ redirect_uri: `${redirectUri}/extra` },
				{ redirect_uri: undefined },
			]) {
				const res = await send('GET', '/oauth/authorize', { query: authorizeQuery(overrides) });
				expect(res.status).toBe(400);
				expect(res.headers.get('location')).toBeNull();
				expect(res.headers.get('content-type')).toMatch(/^text\/html/);
				expect(res.text).toMatch(/<h1>This app cannot be authorized<\/h1>/);
			}
		});

		it('refuses a deactivated user with access_denied', async () => {
			sandbox.oauth.configure({ autoApprove: SAM });
			const to = location(await send('GET', '/oauth/authorize', { query: authorizeQuery() }));
			expect(to.searchParams.get('error')).toBe('access_denied');
			expect(to.searchParams.get('code')).toBeNull();
		});

		it("grants the intersection of the requested scopes with the user's role", async () => {
			sandbox.oauth.configure({ autoApprove: PRIYA });
			const tokens = await connect(
				'contacts:read contacts:write contacts:delete webhooks:manage offline_access',
			);
			expect(tokens.scope.split(' ').sort()).toEqual([
				'contacts:read',
				'contacts:write',
				'offline_access',
			]);
			const created = await api('POST', '/contacts', tokens.access_token, {
				type: 'customer',
				firstName: 'Ada',
			});
			expect(created.status).toBe(201);
			const removed = await api('DELETE', `/contacts/${created.body.data.id}`, tokens.access_token);
			expect(removed.status).toBe(403);
			expect(removed.body.code).toBe('scope_insufficient');
			const userinfo = await send('GET', '/oauth/userinfo', {
				headers: { authorization: `Bearer ${tokens.access_token}` },
			});
			expect(userinfo.body).toMatchObject({ email: PRIYA, role: 'estimator', name: 'Priya Raman' });
		});
	});

	describe('refresh tokens: rotation and family revocation', () => {
		it('rotates the refresh token on every use; the new one works, the access tokens change', async () => {
			const first = await connect();
			const second = await refresh(first.refresh_token!);
			expect(second.status).toBe(200);
			expect(second.body.refresh_token).toMatch(/^bwp_rt_/);
			expect(second.body.refresh_token).not.toBe(first.refresh_token);
			expect(second.body.access_token).not.toBe(first.access_token);
			expect(second.body.scope).toBe(first.scope);
			const third = await refresh(second.body.refresh_token);
			expect(third.status).toBe(200);
			expect((await api('GET', '/contacts', third.body.access_token)).status).toBe(200);
			expect(sandbox.oauth.families()).toEqual([
				expect.objectContaining({
					rotations: 2,
					revokedAt: null,
					activeRefreshToken: third.body.refresh_token,
				}),
			]);
		});

		it('revokes the whole family when a rotated refresh token is used again', async () => {
			const first = await connect();
			const second = (await refresh(first.refresh_token!)).body;
			const reuse = await refresh(first.refresh_token!);
			expect(reuse.status).toBe(400);
			expect(reuse.body).toEqual({
				error: 'invalid_grant',
				error_description: expect.stringMatching(/already used/),
			});
			// The latest refresh token and every access token of the family are dead too.
			expect((await refresh(second.refresh_token)).body.error).toBe('invalid_grant');
			for (const accessToken of [first.access_token, second.access_token]) {
				const res = await api('GET', '/contacts', accessToken);
				expect(res.status).toBe(401);
				expect(res.body.code).toBe('unauthorized');
			}
			const [family] = sandbox.oauth.families();
			expect(family).toMatchObject({
				revokedReason: 'refresh_token_reuse',
				activeRefreshToken: null,
			});
			expect(family.refreshTokens.every((t) => t.state === 'revoked')).toBe(true);
		});

		it('lets only one of two simultaneous refreshes with the same token win; the loser revokes the family', async () => {
			const first = await connect();
			const [a, b] = await Promise.all([
				refresh(first.refresh_token!),
				refresh(first.refresh_token!),
			]);
			expect([a.status, b.status].sort()).toEqual([200, 400]);
			const winner = a.status === 200 ? a : b;
			expect((await refresh(winner.body.refresh_token)).body.error).toBe('invalid_grant');
			expect(sandbox.oauth.families()[0].revokedReason).toBe('refresh_token_reuse');
		});

		it('allows narrowing the scope on refresh and refuses widening it with invalid_scope (no rotation, no revocation)', async () => {
			const first = await connect('contacts:read contacts:write offline_access');
			const narrowed = await refresh(first.refresh_token!, { scope: 'contacts:read' });
			expect(narrowed.status).toBe(200);
			expect(narrowed.body.scope).toBe('contacts:read');
			const write = await api('POST', '/contacts', narrowed.body.access_token, {
				type: 'customer',
				firstName: 'Ada',
			});
			expect(write.status).toBe(403);
			expect(write.body.code).toBe('scope_insufficient');
			const widened = await refresh(narrowed.body.refresh_token, {
				scope: 'contacts:read contacts:delete',
			});
			expect(widened.status).toBe(400);
			expect(widened.body.error).toBe('invalid_scope');
			// The refused request did not use the token up, and the grant keeps its original scope.
			const again = await refresh(narrowed.body.refresh_token);
			expect(again.status).toBe(200);
			expect(again.body.scope).toBe('contacts:read contacts:write offline_access');
		});

		it('refuses an expired refresh token with invalid_grant', async () => {
			sandbox.oauth.configure({ refreshTokenTtlSeconds: 0 });
			try {
				const tokens = await connect();
				const res = await refresh(tokens.refresh_token!);
				expect(res.status).toBe(400);
				expect(res.body).toEqual({
					error: 'invalid_grant',
					error_description: expect.stringMatching(/expired/),
				});
			} finally {
				sandbox.oauth.configure({ refreshTokenTtlSeconds: 30 * 24 * 3600 });
			}
		});

		it("refuses another client's refresh token", async () => {
			const tokens = await connect();
			expect((await refresh(tokens.refresh_token!, {}, publicClient)).body.error).toBe(
				'invalid_grant',
			);
			expect((await refresh(tokens.refresh_token!)).status).toBe(200);
		});
	});

	describe('revocation (RFC 7009)', () => {
		const revoke = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
			const res = await send('POST', '/oauth/revoke', { form, headers });
			if (res.status === 200) expect(res.text).toBe('');
			else expectOAuthSchema(res, 'POST', '/oauth/revoke');
			return res;
		};

		it('revokes an access token alone; the refresh token keeps working', async () => {
			const tokens = await connect();
			expect(
				(
					await revoke({
						token: tokens.access_token,
						token_type_hint: 'access_token',
						...confidential,
					})
				).status,
			).toBe(200);
			expect((await api('GET', '/contacts', tokens.access_token)).status).toBe(401);
			expect((await refresh(tokens.refresh_token!)).status).toBe(200);
		});

		it('revokes the whole family with its refresh token, whatever the hint says', async () => {
			const first = await connect();
			const second = (await refresh(first.refresh_token!)).body;
			expect(
				(
					await revoke({
						token: second.refresh_token,
						token_type_hint: 'access_token',
						...confidential,
					})
				).status,
			).toBe(200);
			expect((await api('GET', '/contacts', second.access_token)).status).toBe(401);
			expect((await refresh(second.refresh_token)).body.error).toBe('invalid_grant');
			expect(sandbox.oauth.families()[0].revokedReason).toBe('revoked');
		});

		it('answers 200 for unknown or already revoked tokens, and errors for a bad request or client', async () => {
			const tokens = await connect();
			expect((await revoke({ token: 'bwp_rt_never_issued', ...confidential })).status).toBe(200);
			expect((await revoke({ token: tokens.refresh_token!, ...confidential })).status).toBe(200);
			expect((await revoke({ token: tokens.refresh_token!, ...confidential })).status).toBe(200);
			const noToken = await revoke({ ...confidential });
			expect(noToken.status).toBe(400);
			expect(noToken.body.error).toBe('invalid_request');
			const wrongSecret = await revoke({
				token: tokens.access_token,
				client_id: 'n8n-sandbox',
				client_secret: 'wrong',
			});
			expect(wrongSecret.status).toBe(401);
			expect(wrongSecret.body.error).toBe('invalid_client');
			const noClient = await revoke({ token: tokens.access_token });
			expect(noClient.status).toBe(400);
			expect(noClient.body.error).toBe('invalid_request');
		});
	});

	describe('bwp_at_ access tokens on the API', () => {
		it('answers with only the tenant budget headers, shared with API keys, and no per-key bucket', async () => {
			sandbox.setRateLimit({ keyLimit: 2 });
			const tokens = await connect();
			for (let i = 0; i < 4; i++) {
				const res = await api('GET', '/contacts', tokens.access_token);
				expect(res.status).toBe(200);
				expect(res.headers.get('ratelimit-key-limit')).toBeNull();
				expect(res.headers.get('ratelimit-key-remaining')).toBeNull();
				expect(res.headers.get('ratelimit-key-reset')).toBeNull();
				expect(res.headers.get('ratelimit-tenant-limit')).toBe('10000');
			}
			const byKey = await client.call('GET', '/contacts');
			expect(byKey.headers.get('ratelimit-key-limit')).toBe('2');
			// 4 GETs with the token + 1 with the key = 5 units of the tenant's budget.
			expect(byKey.headers.get('ratelimit-tenant-remaining')).toBe('9995');
		});

		it('is refused with 429 once the tenant budget is spent, still without key headers', async () => {
			sandbox.setRateLimit({ tenantBudget: 2 });
			try {
				const tokens = await connect();
				expect((await api('GET', '/contacts', tokens.access_token)).status).toBe(200);
				expect((await api('GET', '/contacts', tokens.access_token)).status).toBe(200);
				const refused = await api('GET', '/contacts', tokens.access_token);
				expect(refused.status).toBe(429);
				expect(refused.body.code).toBe('rate_limited');
				expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
				expect(refused.headers.get('ratelimit-key-remaining')).toBeNull();
				expect(refused.headers.get('ratelimit-tenant-remaining')).toBe('0');
			} finally {
				sandbox.setRateLimit({ tenantBudget: 10_000 });
			}
		});

		it('answers 401 token_expired once the token expired, and the refreshed token works', async () => {
			const tokens = await connect();
			expect(sandbox.oauth.expireAccessTokens()).toBe(1);
			const expired = await api('GET', '/contacts', tokens.access_token);
			expect(expired.status).toBe(401);
			expect(expired.body.code).toBe('token_expired');
			expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
			const renewed = await refresh(tokens.refresh_token!);
			expect((await api('GET', '/contacts', renewed.body.access_token)).status).toBe(200);
		});

		it('expires by itself after the configured lifetime', async () => {
			sandbox.oauth.configure({ accessTokenTtlSeconds: 1 });
			const tokens = await connect();
			expect(tokens.expires_in).toBe(1);
			expect((await api('GET', '/contacts', tokens.access_token)).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await api('GET', '/contacts', tokens.access_token)).body.code).toBe('token_expired');
		});

		it('binds GET /me to the tenant and the granted scopes, and refuses unknown tokens', async () => {
			const tokens = await connect('contacts:read offline_access');
			const me = await api('GET', '/me', tokens.access_token);
			expect(me.body.data).toMatchObject({
				tenantId: 1,
				scopes: ['contacts:read', 'offline_access'],
				keyName: expect.stringMatching(/Dana Whitaker/),
			});
			const unknown = await api('GET', '/contacts', 'bwp_at_never_issued');
			expect(unknown.status).toBe(401);
			expect(unknown.body.code).toBe('unauthorized');
		});
	});

	describe('userinfo', () => {
		it('describes the resource owner of an access token or of an API key; 401 without one', async () => {
			const tokens = await connect('contacts:read offline_access');
			const viaToken = await send('GET', '/oauth/userinfo', {
				headers: { authorization: `Bearer ${tokens.access_token}` },
			});
			expect(viaToken.status).toBe(200);
			expectOAuthSchema(viaToken, 'GET', '/oauth/userinfo');
			expect(viaToken.body).toEqual({
				sub: expect.stringMatching(/^\d+$/),
				tenant_id: 1,
				email: DANA,
				name: 'Dana Whitaker',
				role: 'owner',
				scopes: ['contacts:read', 'offline_access'],
			});
			expect(viaToken.headers.get('ratelimit-key-limit')).toBeNull();
			const viaKey = await send('GET', '/oauth/userinfo', {
				headers: { authorization: `Bearer ${sandbox.keys.readOnly}` },
			});
			expect(viaKey.status).toBe(200);
			expectOAuthSchema(viaKey, 'GET', '/oauth/userinfo');
			expect(viaKey.body).toMatchObject({ tenant_id: 1, scopes: ['contacts:read'] });
			const none = await send('GET', '/oauth/userinfo');
			expect(none.status).toBe(401);
			expectMatchesSchema(none, 'GET', '/oauth/userinfo');
			sandbox.oauth.expireAccessTokens();
			const expired = await send('GET', '/oauth/userinfo', {
				headers: { authorization: `Bearer ${tokens.access_token}` },
			});
			expect(expired.status).toBe(401);
			expect(expired.body.code).toBe('token_expired');
		});
	});

	describe('dynamic client registration (RFC 7591)', () => {
		const register = async (json: unknown) => {
			const res = await send('POST', '/oauth/register', { json });
			expectOAuthSchema(res, 'POST', '/oauth/register');
			return res;
		};

		it('registers a public client (no secret) that can then connect', async () => {
			const res = await register({
				client_name: 'My n8n',
				redirect_uris: [redirectUri],
				scope: 'contacts:read offline_access',
			});
			expect(res.status).toBe(201);
			expect(res.body).toEqual({
				client_id: expect.any(String),
				client_id_issued_at: expect.any(Number),
				client_name: 'My n8n',
				redirect_uris: [redirectUri],
				grant_types: ['authorization_code', 'refresh_token'],
				scope: 'contacts:read offline_access',
				token_endpoint_auth_method: 'none',
			});
			const tokens = await connect('contacts:read offline_access', {
				client_id: res.body.client_id,
			});
			expect(tokens.scope).toBe('contacts:read offline_access');
		});

		it('registers a confidential client with a secret that the token endpoint then requires', async () => {
			const res = await register({
				client_name: 'Agency n8n',
				redirect_uris: [redirectUri],
				token_endpoint_auth_method: 'client_secret_post',
			});
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({
				client_secret: expect.any(String),
				client_secret_expires_at: 0,
				token_endpoint_auth_method: 'client_secret_post',
				scope: '',
			});
			const { code, verifier } = await getCode({ client_id: res.body.client_id });
			expect((await exchange(code, verifier, { client_id: res.body.client_id })).body.error).toBe(
				'invalid_client',
			);
			expect(
				(
					await exchange(code, verifier, {
						client_id: res.body.client_id,
						client_secret: res.body.client_secret,
					})
				).status,
			).toBe(200);
		});

		it('refuses bad metadata with the RFC 7591 error codes', async () => {
			expect((await register({ redirect_uris: [redirectUri] })).body.error).toBe(
				'invalid_client_metadata',
			);
			expect((await register({ client_name: 'x', redirect_uris: [] })).body.error).toBe(
				'invalid_redirect_uri',
			);
			expect(
				(await register({ client_name: 'x', redirect_uris: ['javascript:alert(1)'] })).body.error,
			).toBe('invalid_redirect_uri');
			sandbox.oauth.configure({ registrationsPerMinute: 0 });
			expect(
				(await register({ client_name: 'x', redirect_uris: [`${redirectUri}#frag`] })).body.error,
			).toBe('invalid_redirect_uri');
			expect(
				(
					await register({
						client_name: 'x',
						redirect_uris: [redirectUri],
						scope: 'contacts:read planets:read',
					})
				).body.error,
			).toBe('invalid_scope');
			expect(
				(
					await register({
						client_name: 'x',
						redirect_uris: [redirectUri],
						grant_types: ['client_credentials'],
					})
				).body.error,
			).toBe('invalid_client_metadata');
			expect(
				(
					await register({
						client_name: 'x',
						redirect_uris: [redirectUri],
						token_endpoint_auth_method: 'private_key_jwt',
					})
				).body.error,
			).toBe('invalid_client_metadata');
		});

		it('limits registrations to 5 per minute and IP', async () => {
			for (let i = 0; i < 5; i++)
				expect(
					(await register({ client_name: `App ${i}`, redirect_uris: [redirectUri] })).status,
				).toBe(201);
			const sixth = await register({ client_name: 'App 6', redirect_uris: [redirectUri] });
			expect(sixth.status).toBe(429);
			expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
		});
	});

	describe('the consent page', () => {
		beforeEach(() => {
			sandbox.oauth.configure({ autoApprove: false });
		});

		const formOf = (html: string) => {
			const requestUri = /name="request_uri" value="([^"]*)"/
				.exec(html)?.[1]
				?.replace(/&amp;/g, '&');
			return { requestUri: requestUri! };
		};
		const decide = (form: Record<string, string>, cookie?: string) =>
			send('POST', '/oauth/authorize', { form, headers: cookie ? { cookie } : {} });

		it('renders a sign-in and consent form naming the app and the scopes', async () => {
			const res = await send('GET', '/oauth/authorize', { query: authorizeQuery() });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^text\/html/);
			expect(res.text).toContain('<strong id="client-name">n8n (sandbox, confidential)</strong>');
			for (const scope of ['contacts:read', 'contacts:write', 'offline_access'])
				expect(res.text).toContain(`<code>${scope}</code>`);
			expect(res.text).toMatch(/<form method="post" action="\/api\/v1\/oauth\/authorize">/);
			expect(res.text).toMatch(/<input id="email" name="email"/);
			expect(res.text).toMatch(/<input id="password" name="password" type="password"/);
			expect(res.text).toMatch(
				/<button id="approve" type="submit" name="decision" value="approve">Approve<\/button>/,
			);
			expect(res.text).toMatch(/<button id="deny" type="submit" name="decision" value="deny"/);
			expect(formOf(res.text).requestUri).toMatch(/^\/api\/v1\/oauth\/authorize\?/);
		});

		it('approves as the signed-in user: a code that works, and a session that skips the sign-in next time', async () => {
			const { verifier, challenge } = pkce();
			const page = await send('GET', '/oauth/authorize', { query: authorizeQuery({}, challenge) });
			const { requestUri } = formOf(page.text);
			const wrong = await decide({
				request_uri: requestUri,
				decision: 'approve',
				email: DANA,
				password: 'nope',
			});
			expect(wrong.status).toBe(200);
			expect(wrong.text).toMatch(/<p class="error" id="error">Wrong email or password.<\/p>/);
			const approved = await decide({
				request_uri: requestUri,
				decision: 'approve',
				email: DANA,
				password: sandbox.oauth.seeded.password,
			});
			const to = location(approved);
			expect(to.searchParams.get('state')).toBe('state-123');
			expect((await exchange(to.searchParams.get('code')!, verifier)).status).toBe(200);
			const cookie = approved.headers.get('set-cookie')!.split(';')[0];
			const again = await send('GET', '/oauth/authorize', {
				query: authorizeQuery(),
				headers: { cookie },
			});
			expect(again.text).toMatch(/Signed in as <strong>Dana Whitaker<\/strong>/);
			expect(again.text).not.toMatch(/id="password"/);
			const viaSession = await decide(
				{ request_uri: formOf(again.text).requestUri, decision: 'approve' },
				cookie,
			);
			expect(location(viaSession).searchParams.get('code')).toMatch(/^bwp_ac_/);
		});

		it('redirects Deny as access_denied with the state', async () => {
			const page = await send('GET', '/oauth/authorize', { query: authorizeQuery() });
			const to = location(
				await decide({ request_uri: formOf(page.text).requestUri, decision: 'deny' }),
			);
			expect(to.searchParams.get('error')).toBe('access_denied');
			expect(to.searchParams.get('state')).toBe('state-123');
			expect(to.searchParams.get('code')).toBeNull();
		});

		it('keeps a deactivated user out, and refuses a tampered or incomplete form', async () => {
			const page = await send('GET', '/oauth/authorize', { query: authorizeQuery() });
			const { requestUri } = formOf(page.text);
			const sam = await decide({
				request_uri: requestUri,
				decision: 'approve',
				email: SAM,
				password: sandbox.oauth.seeded.password,
			});
			expect(sam.status).toBe(200);
			expect(sam.text).toMatch(/deactivated/);
			const tampered = await decide({
				request_uri: requestUri.replace('n8n-sandbox', 'evil-client'),
				decision: 'approve',
				email: DANA,
				password: 'sandbox',
			});
			expect(tampered.status).toBe(400);
			expect(tampered.headers.get('location')).toBeNull();
			expect((await decide({ request_uri: requestUri, decision: 'maybe' })).status).toBe(400);
			expect((await decide({ decision: 'approve' })).status).toBe(400);
		});
	});

	describe('test controls over HTTP', () => {
		const control = async (method: string, path: string, body?: unknown) => {
			const res = await fetch(`${sandbox.url}/__sandbox/oauth${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: res.status, body: (await res.json()) as Json };
		};

		it('configures, registers clients, lists families and expires or revokes tokens', async () => {
			expect(
				(
					await control('PUT', '', {
						accessTokenTtlSeconds: 42,
						autoApprove: 'luis.ortega@tenant1.example.com',
					})
				).body.data,
			).toMatchObject({ accessTokenTtlSeconds: 42 });
			const registered = await control('POST', '/clients', {
				clientId: 'e2e-client',
				clientSecret: 'e2e-secret',
				name: 'e2e',
				redirectUris: ['http://127.0.0.1:5999/rest/oauth2-credential/callback'],
			});
			expect(registered.status).toBe(201);
			expect(registered.body.data).toMatchObject({
				client_id: 'e2e-client',
				client_secret: 'e2e-secret',
			});
			expect(
				(await control('GET', '/clients')).body.data.map((c: { client_id: string }) => c.client_id),
			).toEqual(expect.arrayContaining(['n8n-sandbox', 'n8n-sandbox-public', 'e2e-client']));
			const tokens = await connect();
			expect(tokens.expires_in).toBe(42);
			const families = (await control('GET', '/families')).body.data;
			expect(families).toEqual([
				expect.objectContaining({
					userEmail: 'luis.ortega@tenant1.example.com',
					clientId: 'n8n-sandbox',
					revokedAt: null,
				}),
			]);
			expect((await control('POST', '/expire', { token: tokens.access_token })).body).toEqual({
				expired: 1,
			});
			expect((await api('GET', '/contacts', tokens.access_token)).body.code).toBe('token_expired');
			expect((await control('POST', '/revoke-families', {})).body).toEqual({ revoked: 1 });
			expect((await refresh(tokens.refresh_token!)).body.error).toBe('invalid_grant');
			expect((await control('PUT', '', { autoApprove: 'nobody@tenant1.example.com' })).status).toBe(
				400,
			);
		});

		it('forgets tokens and registered clients on reset but keeps the seeded clients', async () => {
			const tokens = await connect();
			sandbox.oauth.registerClient({
				clientId: 'temporary',
				name: 't',
				redirectUris: [redirectUri],
			});
			await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
			expect((await api('GET', '/contacts', tokens.access_token)).status).toBe(401);
			const ids = sandbox.oauth.clients().map((c) => c.client_id);
			expect(ids).toEqual(['n8n-sandbox', 'n8n-sandbox-public']);
		});
	});
});
