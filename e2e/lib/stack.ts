// The whole local stack used by the e2e suite and `npm run dev`: the BuildWorkPro sandbox, a real
// n8n with this package installed from its packed tarball, the owner account and a credential.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_OAUTH_SCOPES } from '../../credentials/BuildWorkProOAuth2Api.credentials';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { installIntoUserFolder } from './communityPackage';
import type { N8nClient } from './n8nClient';
import { startN8n, type N8nServer } from './n8nServer';
import { upsertCredential, type CredentialRef } from './n8nWorkflows';
import { prepare, readPrepared, type Prepared } from './prepared';

/** The owner account of the local n8n. For local use only: this n8n listens on 127.0.0.1. */
export const LOCAL_OWNER = {
	email: 'demo@buildworkpro.local',
	password: 'BuildWorkPro-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

export const CREDENTIAL_TYPE = 'buildWorkProApi';
export const CREDENTIAL_NAME = 'BuildWorkPro sandbox';

export interface Stack {
	sandbox: Sandbox;
	n8n: N8nServer;
	client: N8nClient;
	credential: CredentialRef;
	prepared: Prepared;
	/** Stops n8n and the sandbox; returns where n8n's log is (a temporary user folder's log is first copied to <tmp>/bwp-n8n-logs/, then the folder removed). */
	stop(): Promise<string>;
	/** Stops n8n and starts it again on the same port and user folder (a server restart); logs in again. */
	restartN8n(): Promise<void>;
}

export interface StackOptions {
	version?: string;
	/** Reuse the last `npm run e2e:prepare` when it matches (the default), or always prepare afresh. */
	reusePrepared?: boolean;
	sandbox?: SandboxOptions;
	/** n8n's user folder; a new temporary folder (removed at stop) when omitted. */
	userFolder?: string;
	n8nPort?: number;
	n8nEnv?: Record<string, string>;
	log?: (line: string) => void;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const log = options.log ?? ((line: string) => console.log(line));
	const prepared =
		(options.reusePrepared !== false && readPrepared(options.version)) ||
		(await prepare({ version: options.version }, log));

	const temporaryFolder = !options.userFolder;
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'bwp-n8n-'));
	let sandbox: Sandbox | undefined;
	let n8n: N8nServer | undefined;
	const stop = async (): Promise<string> => {
		await n8n?.stop();
		await sandbox?.close();
		const logFile = join(userFolder, 'n8n.log');
		// A user folder that stays (npm run dev's .tmp/dev/) keeps its log; a temporary one's log is
		// copied out before the folder goes.
		if (!temporaryFolder) return logFile;
		const keptLog = join(
			tmpdir(),
			'bwp-n8n-logs',
			`n8n-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
		);
		if (existsSync(logFile)) {
			mkdirSync(join(tmpdir(), 'bwp-n8n-logs'), { recursive: true });
			copyFileSync(logFile, keptLog);
		}
		rmSync(userFolder, { recursive: true, force: true });
		return keptLog;
	};

	try {
		await installIntoUserFolder(prepared.tarball, userFolder);
		sandbox = await startSandbox({ testControls: true, ...options.sandbox });
		n8n = await startN8n(prepared.install, {
			userFolder,
			port: options.n8nPort,
			env: options.n8nEnv,
		});
		const client = n8n.client();
		await client.setupOwnerOrLogin(LOCAL_OWNER);
		const credential = await upsertCredential(client, {
			name: CREDENTIAL_NAME,
			type: CREDENTIAL_TYPE,
			data: { apiKey: sandbox.keys.full, baseUrl: sandbox.baseUrl },
		});
		const stack: Stack = {
			sandbox,
			n8n,
			client,
			credential,
			prepared,
			stop,
			async restartN8n() {
				await stack.n8n.stop();
				n8n = await startN8n(prepared.install, {
					userFolder,
					port: stack.n8n.port,
					env: options.n8nEnv,
				});
				stack.n8n = n8n;
				stack.client = n8n.client();
				await stack.client.login(LOCAL_OWNER.email, LOCAL_OWNER.password);
			},
		};
		return stack;
	} catch (error) {
		const tail = n8n ? `\n--- n8n log (last lines) ---\n${n8n.logTail()}` : '';
		const keptLog = await stop();
		throw new Error(`${(error as Error).message}${tail}\n(n8n's whole log: ${keptLog})`);
	}
}

export const OAUTH_CREDENTIAL_TYPE = 'buildWorkProOAuth2Api';
export const OAUTH_CREDENTIAL_NAME = 'BuildWorkPro sandbox (OAuth2)';

/** n8n's OAuth Redirect URL (what its credential dialog shows and what the client must register). */
export function oauthRedirectUrl(n8nUrl: string): string {
	return `${n8nUrl.replace(/\/+$/, '')}/rest/oauth2-credential/callback`;
}

export interface OAuthCredentialSetup {
	credential: CredentialRef;
	clientId: string;
	/** null for a public client. */
	clientSecret: string | null;
	redirectUrl: string;
}

/**
 * Registers an OAuth client in the sandbox for this n8n's redirect URL, as a BuildWorkPro admin
 * registers one for their n8n, and creates (or updates) a `buildWorkProOAuth2Api` credential for
 * it: ready to Connect, not connected. `confidential` (the default) uses client_secret_post; a
 * public client has no secret (PKCE alone). The scope is the credential's default.
 */
export async function setUpOAuthCredential(
	sandbox: Sandbox,
	client: N8nClient,
	n8nUrl: string,
	{
		name = OAUTH_CREDENTIAL_NAME,
		confidential = true,
		clientId,
		clientSecret = '',
	}: {
		name?: string;
		confidential?: boolean;
		clientId?: string;
		/** '' generates one. */ clientSecret?: string;
	} = {},
): Promise<OAuthCredentialSetup> {
	const redirectUrl = oauthRedirectUrl(n8nUrl);
	const registered = sandbox.oauth.registerClient({
		clientId,
		name: confidential ? 'n8n (confidential)' : 'n8n (public)',
		redirectUris: [redirectUrl],
		...(confidential
			? { clientSecret, tokenEndpointAuthMethod: 'client_secret_post' as const }
			: { clientSecret: null, tokenEndpointAuthMethod: 'none' as const }),
	}) as { client_id: string; client_secret?: string };
	const credential = await upsertCredential(client, {
		name,
		type: OAUTH_CREDENTIAL_TYPE,
		data: {
			baseUrl: sandbox.baseUrl,
			authUrl: `${sandbox.baseUrl}/oauth/authorize`,
			accessTokenUrl: `${sandbox.baseUrl}/oauth/token`,
			clientId: registered.client_id,
			clientSecret: registered.client_secret ?? '',
			scope: DEFAULT_OAUTH_SCOPES,
		},
	});
	return {
		credential,
		clientId: registered.client_id,
		clientSecret: registered.client_secret ?? null,
		redirectUrl,
	};
}

/**
 * `step(body)` for an e2e spec: a test body whose failure also shows the end of n8n's log, read
 * from the stack the spec started (`server()` is asked at failure time, after beforeAll).
 */
export function stepShowingN8nLog(
	server: () => Pick<N8nServer, 'logFile' | 'logTail'> | undefined,
) {
	return (body: () => Promise<void>): (() => Promise<void>) =>
		async () => {
			try {
				await body();
			} catch (error) {
				const err = error as Error;
				const n8n = server();
				err.message += `\n--- n8n log (last lines; ${n8n?.logFile}) ---\n${n8n?.logTail(60)}`;
				throw err;
			}
		};
}
