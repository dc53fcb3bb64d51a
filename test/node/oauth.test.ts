/**
 * The BuildWorkPro node with the OAuth2 credential, through n8n-core's OAuth2 request path
 * against the sandbox's authorization server: tokens from a real authorization-code grant with
 * PKCE, n8n refreshing an expired access token (BuildWorkPro rotates the refresh token each
 * time and revokes the whole connection when an old one comes back), and what the user is told
 * when the connection is gone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DEFAULT_OAUTH_SCOPES } from '../../credentials/BuildWorkProOAuth2Api.credentials';
import { runNode, type RunNodeResult } from '../harness';
import { apiRequests, useSandbox, type Sandbox } from './support';

const env = useSandbox({ testControls: true });
const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';
const PUBLIC_CLIENT = { clientId: 'n8n-sandbox-public', clientSecret: '' };
const CONFIDENTIAL_CLIENT = { clientId: 'n8n-sandbox', clientSecret: 'n8n-sandbox-secret' };

interface FamilyView {
	id: number;
	revokedAt: string | null;
	revokedReason: string | null;
	rotations: number;
	activeRefreshToken: string | null;
}

async function control(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<IDataObject> {
	const answer = await fetch(`${sandbox.url}/__sandbox/oauth${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await answer.json()) as IDataObject;
}

const families = async (sandbox: Sandbox) =>
	(await control(sandbox, 'GET', '/families')).data as FamilyView[];
const expireAccessTokens = async (sandbox: Sandbox) =>
	await control(sandbox, 'POST', '/expire', {});

/**
 * What n8n stores after a person clicks Connect and approves: the authorization code flow with
 * PKCE (S256) run against the sandbox, consent approved by its auto-approve control.
 */
async function connect(
	sandbox: Sandbox,
	client = PUBLIC_CLIENT,
	scope = DEFAULT_OAUTH_SCOPES,
): Promise<ICredentialDataDecryptedObject> {
	await control(sandbox, 'PUT', '', { autoApprove: true });
	const verifier = randomBytes(32).toString('base64url');
	const query = new URLSearchParams({
		response_type: 'code',
		client_id: client.clientId,
		redirect_uri: REDIRECT_URI,
		code_challenge: createHash('sha256').update(verifier).digest('base64url'),
		code_challenge_method: 'S256',
		scope,
		state: 'n8n-state',
	});
	const consent = await fetch(`${sandbox.baseUrl}/oauth/authorize?${query}`, {
		redirect: 'manual',
	});
	const code = new URL(String(consent.headers.get('location'))).searchParams.get('code');
	if (!code)
		throw new Error(
			`No code from the consent step: ${consent.status} ${consent.headers.get('location')}`,
		);
	const form: Record<string, string> = {
		grant_type: 'authorization_code',
		code,
		code_verifier: verifier,
		redirect_uri: REDIRECT_URI,
		client_id: client.clientId,
	};
	if (client.clientSecret) form.client_secret = client.clientSecret;
	const grant = await fetch(`${sandbox.baseUrl}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form),
	});
	const oauthTokenData = (await grant.json()) as IDataObject;
	if (grant.status !== 200)
		throw new Error(`Token grant failed: ${JSON.stringify(oauthTokenData)}`);
	return {
		baseUrl: sandbox.baseUrl,
		authUrl: `${sandbox.baseUrl}/oauth/authorize`,
		accessTokenUrl: `${sandbox.baseUrl}/oauth/token`,
		clientId: client.clientId,
		clientSecret: client.clientSecret,
		scope,
		oauthTokenData,
	};
}

async function runWithOAuth(
	credential: ICredentialDataDecryptedObject,
	parameters: IDataObject,
	input?: IDataObject[],
): Promise<RunNodeResult> {
	return await runNode({
		parameters: { authentication: 'oAuth2', ...parameters } as never,
		credentials: { buildWorkProOAuth2Api: credential },
		input,
	});
}

/** The credential as n8n stores it after the run (the refreshed token data, if n8n refreshed). */
function storedAfter(
	result: RunNodeResult,
	credential: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const updates = result.credentialUpdates.filter((update) => update.kind === 'oauthTokenData');
	const last = updates[updates.length - 1];
	return last ? { ...credential, oauthTokenData: last.data.oauthTokenData } : credential;
}

/** Refresh requests n8n sent to the token endpoint (the grant made by connect() is not one). */
const tokenRequests = (sandbox: Sandbox) =>
	apiRequests(sandbox).filter(
		(entry) =>
			entry.path === '/api/v1/oauth/token' &&
			String(entry.body).includes('grant_type=refresh_token'),
	);
const contactRequests = (sandbox: Sandbox) =>
	apiRequests(sandbox).filter((entry) => entry.path.startsWith('/api/v1/contacts'));

beforeEach(() => env.sandbox.reset());

describe('a connected OAuth2 credential', () => {
	it('lists contacts with Get Many, the request authenticated as the user who approved the app', async () => {
		const credential = await connect(env.sandbox);
		env.sandbox.seed(3);

		const result = await runWithOAuth(credential, {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		const [request] = contactRequests(env.sandbox);
		expect(request.status).toBe(200);
		expect(request.keyName).toMatch(/^OAuth: /);
	});

	it('creates a contact with a confidential client, the access token granted by the token endpoint', async () => {
		const credential = await connect(env.sandbox, CONFIDENTIAL_CLIENT);

		const result = await runWithOAuth(credential, {
			resource: 'contact',
			operation: 'create',
			type: 'general_contractor',
			additionalFields: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
		expect(env.sandbox.contacts().map((contact) => contact.email)).toContain('ada@example.com');
	});

	it('gets only the scopes it was granted: an operation outside them fails with the scope named, and no refresh is tried', async () => {
		const credential = await connect(env.sandbox, PUBLIC_CLIENT, 'contacts:read offline_access');

		const result = await runWithOAuth(credential, {
			resource: 'contact',
			operation: 'delete',
			contactId: '1',
		});

		expect(result.error?.description).toMatch(/scope/);
		expect(result.error?.description).toContain('scope_insufficient');
		expect(tokenRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('an expired access token', () => {
	it('is refreshed by n8n, the request repeated, and the rotated refresh token stored; a second expiry refreshes again with the new one', async () => {
		const credential = await connect(env.sandbox);
		env.sandbox.seed(1);
		const firstRefreshToken = credential.oauthTokenData as IDataObject;
		await expireAccessTokens(env.sandbox);

		const first = await runWithOAuth(credential, {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});

		expect(first.error).toBeUndefined();
		expect(first.json).toHaveLength(1);
		expect(contactRequests(env.sandbox).map((entry) => entry.status)).toEqual([401, 200]);
		const afterFirst = storedAfter(first, credential);
		const rotated = (afterFirst.oauthTokenData as IDataObject).refresh_token;
		expect(rotated).toMatch(/^bwp_rt_/);
		expect(rotated).not.toBe(firstRefreshToken.refresh_token);

		await expireAccessTokens(env.sandbox);
		const second = await runWithOAuth(afterFirst, {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});

		expect(second.error).toBeUndefined();
		expect(tokenRequests(env.sandbox).map((entry) => entry.status)).toEqual([200, 200]);
		const [family] = await families(env.sandbox);
		expect(family).toMatchObject({ revokedAt: null, rotations: 2 });
		expect(family.activeRefreshToken).toBe(
			(storedAfter(second, afterFirst).oauthTokenData as IDataObject).refresh_token,
		);
	});

	it('is refreshed for a confidential client too (its secret sent in the form body)', async () => {
		const credential = await connect(env.sandbox, CONFIDENTIAL_CLIENT);
		await expireAccessTokens(env.sandbox);

		const result = await runWithOAuth(credential, {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(tokenRequests(env.sandbox).map((entry) => entry.status)).toEqual([200]);
	});

	it('met by several items of one execution at once is refreshed once, and the connection survives', async () => {
		const credential = await connect(env.sandbox);
		env.sandbox.seed(2);
		await expireAccessTokens(env.sandbox);

		const result = await runWithOAuth(
			credential,
			{ resource: 'contact', operation: 'getAll', returnAll: true },
			[{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }],
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(8);
		expect(tokenRequests(env.sandbox)).toHaveLength(1);
		const [family] = await families(env.sandbox);
		expect(family).toMatchObject({ revokedAt: null, rotations: 1 });
	});
});

describe('a connection BuildWorkPro no longer accepts', () => {
	const reconnect = /^BuildWorkPro refused to refresh the OAuth2 token: reconnect the credential$/;

	it('revoked (the user removed the app) fails with the reconnect error, naming the credential', async () => {
		const credential = await connect(env.sandbox);
		await control(env.sandbox, 'POST', '/revoke-families', {});

		const result = await runWithOAuth(credential, {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});

		expect(result.error?.message).toMatch(reconnect);
		expect(result.error?.description).toContain(
			'Open the credential "buildWorkProOAuth2Api" and reconnect it',
		);
		expect(result.error?.description).toContain('nothing was changed in BuildWorkPro');
		expect(JSON.stringify(result.error)).not.toContain(
			String((credential.oauthTokenData as IDataObject).refresh_token),
		);
	});

	it('refreshed with a refresh token that was already used (a stale copy of the credential) is revoked whole, and says to reconnect', async () => {
		const credential = await connect(env.sandbox);
		await expireAccessTokens(env.sandbox);
		const refreshed = await runWithOAuth(credential, { resource: 'contact', operation: 'getAll' });
		expect(refreshed.error).toBeUndefined();
		await expireAccessTokens(env.sandbox);

		// The copy from before the refresh: its refresh token was rotated away.
		const stale = await runWithOAuth(credential, { resource: 'contact', operation: 'getAll' });

		expect(stale.error?.message).toMatch(reconnect);
		expect(stale.error?.description).toMatch(/used once/);
		const [family] = await families(env.sandbox);
		expect(family.revokedAt).not.toBeNull();
		// The up-to-date credential is dead as well: BuildWorkPro revoked the whole connection.
		const current = await runWithOAuth(storedAfter(refreshed, credential), {
			resource: 'contact',
			operation: 'getAll',
		});
		expect(current.error?.message).toMatch(reconnect);
	});
});
