/**
 * The trigger's publish and unpublish with the OAuth2 credential: the webhook endpoint is
 * registered and removed with a token from a real authorization-code grant (PKCE) against the
 * sandbox, and an expired token is refreshed on the way.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_OAUTH_SCOPES } from '../../credentials/BuildWorkProOAuth2Api.credentials';
import { forgetRateLimitState } from '../../nodes/shared/transport/rateLimit';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createTriggerHarness } from '../harness';
import { CONTACT_EVENTS, PRODUCTION_URL, liveEndpoints } from './helpers';

const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ testControls: true });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => {
	sandbox.reset();
	forgetRateLimitState();
});

async function control(method: string, path: string, body: unknown = {}): Promise<IDataObject> {
	const answer = await fetch(`${sandbox.url}/__sandbox/oauth${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return (await answer.json()) as IDataObject;
}

/** The token data n8n stores once a person connected the credential (consent auto-approved). */
async function connectedTokenData(): Promise<IDataObject> {
	await control('PUT', '', { autoApprove: true });
	const verifier = randomBytes(32).toString('base64url');
	const query = new URLSearchParams({
		response_type: 'code',
		client_id: 'n8n-sandbox-public',
		redirect_uri: REDIRECT_URI,
		code_challenge: createHash('sha256').update(verifier).digest('base64url'),
		code_challenge_method: 'S256',
		scope: DEFAULT_OAUTH_SCOPES,
	});
	const consent = await fetch(`${sandbox.baseUrl}/oauth/authorize?${query}`, {
		redirect: 'manual',
	});
	const code = String(new URL(String(consent.headers.get('location'))).searchParams.get('code'));
	const grant = await fetch(`${sandbox.baseUrl}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			code_verifier: verifier,
			redirect_uri: REDIRECT_URI,
			client_id: 'n8n-sandbox-public',
		}),
	});
	return (await grant.json()) as IDataObject;
}

async function oauthTrigger() {
	return createTriggerHarness({
		parameters: { authentication: 'oAuth2', events: CONTACT_EVENTS },
		credentials: {
			buildWorkProOAuth2Api: {
				baseUrl: sandbox.baseUrl,
				accessTokenUrl: `${sandbox.baseUrl}/oauth/token`,
				clientId: 'n8n-sandbox-public',
				clientSecret: '',
				scope: DEFAULT_OAUTH_SCOPES,
				oauthTokenData: await connectedTokenData(),
			},
		},
		webhookUrl: PRODUCTION_URL,
		workflowId: 'wf-1042',
		workflowName: 'Sync new contacts to accounting',
	});
}

describe('the trigger with an OAuth2 credential', () => {
	it('registers its endpoint when the workflow is published and removes it when unpublished', async () => {
		const trigger = await oauthTrigger();

		await trigger.activate();
		expect(liveEndpoints(sandbox)).toHaveLength(1);
		expect(liveEndpoints(sandbox)[0]).toMatchObject({ url: PRODUCTION_URL, isActive: true });
		const create = sandbox
			.requestLog()
			.find((entry) => entry.method === 'POST' && entry.path === '/api/v1/webhook-endpoints');
		expect(create?.keyName).toMatch(/^OAuth: /);

		await trigger.deactivate();
		expect(liveEndpoints(sandbox)).toHaveLength(0);
	});

	it('publishes with an expired access token: n8n refreshes it and stores the rotated refresh token', async () => {
		const trigger = await oauthTrigger();
		await control('POST', '/expire');

		await trigger.activate();

		expect(liveEndpoints(sandbox)).toHaveLength(1);
		const refreshes = trigger.credentialUpdates.filter(
			(update) => update.kind === 'oauthTokenData',
		);
		expect(refreshes).toHaveLength(1);
		expect((refreshes[0].data.oauthTokenData as IDataObject).refresh_token).toMatch(/^bwp_rt_/);
	});
});
