import { createHash } from 'node:crypto';
import type { ICredentialsDecrypted } from 'n8n-workflow';

import { oauthNotConnectedError } from '../errors';
import { itemIndexOf, type TransportContext } from './context';
import { gateFor } from './rateLimit';
import type { RateLimitGate } from './rateLimit';

/**
 * The credential a request goes out with: the one the node's Authentication parameter selects,
 * read once per item, with what belongs to it (its Base URL, its rate-limit gate) and the Max
 * Wait budget.
 */

export const DEFAULT_MAX_WAIT_SECONDS = 300;
/** Where BuildWorkPro lives when the credential names no Base URL. */
const DEFAULT_BASE_URL = 'https://app.buildworkpro.com/api/v1';

/** The credential type the node's Authentication parameter selects. */
function credentialTypeOf(context: TransportContext): string {
	const authentication = context.getNodeParameter('authentication', 'apiKey') as string;
	return authentication === 'oAuth2' ? 'buildWorkProOAuth2Api' : 'buildWorkProApi';
}

function maxWaitMs(context: TransportContext): number {
	const seconds = Number(context.getNodeParameter('options.maxWait', DEFAULT_MAX_WAIT_SECONDS));
	return Number.isFinite(seconds) && seconds >= 0
		? seconds * 1000
		: DEFAULT_MAX_WAIT_SECONDS * 1000;
}

/**
 * What stays the same for every request of one item: the credential (read once, not once per
 * page: inside n8n each read is a database lookup), its rate-limit gate and the Max Wait budget.
 */
export interface RequestSession {
	credentialType: string;
	/** Passed back to n8n so it need not read the credential again (API key only: OAuth2 tokens change on refresh). */
	credentialsDecrypted?: ICredentialsDecrypted;
	/** The API key, to scrub from anything shown to the user. */
	secret?: string;
	/** The credential's Base URL (no trailing slash), for requests that name none. */
	baseUrl: string;
	gate: RateLimitGate;
	waitBudgetMs: number;
}

export async function openSession(context: TransportContext): Promise<RequestSession> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	const nodeCredential = context.getNode().credentials?.[credentialType];
	// Without a token n8n-core would only say "Unable to sign without access token".
	if (credentialType === 'buildWorkProOAuth2Api' && !hasAccessToken(credentials))
		throw oauthNotConnectedError(context.getNode(), nodeCredential?.name, itemIndexOf(context));
	const secret = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
	const configuredBaseUrl =
		typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const identity = createHash('sha256')
		.update(
			[
				credentialType,
				String(credentials.baseUrl ?? ''),
				secret ?? String(credentials.clientId ?? ''),
				nodeCredential?.id ?? '',
			].join('\n'),
		)
		.digest('hex');
	return {
		credentialType,
		credentialsDecrypted:
			credentialType === 'buildWorkProApi'
				? {
						id: nodeCredential?.id ?? '',
						name: nodeCredential?.name ?? '',
						type: credentialType,
						data: credentials,
					}
				: undefined,
		secret,
		baseUrl: (configuredBaseUrl || DEFAULT_BASE_URL).replace(/\/+$/, ''),
		gate: gateFor(identity),
		waitBudgetMs: maxWaitMs(context),
	};
}

/** An OAuth2 credential holds an access token once someone clicked Connect in it and approved. */
function hasAccessToken(credentials: Record<string, unknown>): boolean {
	const token = credentials.oauthTokenData;
	return (
		!!token &&
		typeof token === 'object' &&
		typeof (token as { access_token?: unknown }).access_token === 'string' &&
		(token as { access_token: string }).access_token !== ''
	);
}
