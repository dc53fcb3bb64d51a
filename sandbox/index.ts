/**
 * Local BuildWorkPro API sandbox. Start it with `npm run sandbox` or in-process:
 *
 *   const sandbox = await startSandbox({ port: 0, testControls: true });
 *   // ... use sandbox.baseUrl and sandbox.keys.full ...
 *   await sandbox.close();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ALL_SCOPES } from './catalog';
import { SandboxApp } from './app';
import type { RowError } from './jobs';
import { handleRequest } from './pipeline';
import { runAppAction, runScheduler, type ScheduledChange } from './resources/appActions';
import type { StorageRequest } from './storage';
import {
	N8N_LOCAL_REDIRECT_URIS,
	SANDBOX_CONFIDENTIAL_CLIENT,
	SANDBOX_PUBLIC_CLIENT,
	SANDBOX_USER_PASSWORD,
	type OAuthFamilyView,
} from './oauth';
import type {
	Contact,
	DeliveryRecord,
	DocumentInput,
	FaultSpec,
	JobConfig,
	LoggedRequest,
	OAuthClientInput,
	OAuthConfig,
	SandboxKey,
	SandboxOptions,
	SendDeliveryOptions,
	WebhookEndpoint,
} from './types';

export type * from './types';
export type { JobStatus, JobType, RowError } from './jobs';
export type { StorageRequest } from './storage';
export type { OAuthFamilyView } from './oauth';
export type { ScheduledChange } from './resources/appActions';
export { signV1, SIGNATURE_HEADER, EVENT_TYPES } from './webhooks';
export { ERROR_TYPE_BASE } from './problems';
export { ALL_SCOPES, costOf } from './catalog';
export { ROUTES } from './routeTable';
export {
	DEFAULT_JOB_CONFIG,
	JOB_STATUSES,
	EXPORT_FAMILIES,
	IMPORT_FAMILIES,
	BULK_FAMILIES,
	PDF_FAMILIES,
	MAX_BULK_IDS,
} from './jobs';
export { parseCsv, toCsv } from './csv';
export {
	ROLE_SCOPES,
	SANDBOX_USER_PASSWORD,
	SANDBOX_CONFIDENTIAL_CLIENT,
	SANDBOX_PUBLIC_CLIENT,
	N8N_LOCAL_REDIRECT_URIS,
	DEFAULT_OAUTH_CONFIG,
} from './oauth';

export const DEFAULT_KEYS: SandboxKey[] = [
	{
		token: 'bwp_test_full_sandbox',
		name: 'Sandbox full access',
		scopes: [...ALL_SCOPES],
		tenantId: 1,
	},
	{
		token: 'bwp_test_readonly_sandbox',
		name: 'Sandbox read-only',
		scopes: ['contacts:read'],
		tenantId: 1,
	},
	{
		token: 'bwp_test_tenant2_sandbox',
		name: 'Sandbox tenant 2',
		scopes: [...ALL_SCOPES],
		tenantId: 2,
	},
];

export interface Sandbox {
	url: string;
	baseUrl: string;
	keys: { full: string; readOnly: string; otherTenant: string };
	close(): Promise<void>;
	seed(count: number, tenantId?: number): number;
	/** Seeds generated records of a family ('contacts', 'leads', 'projects', 'bids', 'change-orders', 'pay-apps', 'invoices', 'documents', …); returns its live total. */
	seedFamily(family: string, count: number, tenantId?: number): number;
	reset(): void;
	requestLog(): LoggedRequest[];
	clearRequestLog(): void;
	injectFault(fault: FaultSpec): void;
	clearFaults(): void;
	setRateLimit(r: SandboxOptions['rateLimit']): void;
	contacts(tenantId?: number): Contact[];
	webhookEndpoints(tenantId?: number): Array<WebhookEndpoint & { deleted: boolean }>;
	deliveries(): DeliveryRecord[];
	sendDelivery(opts: SendDeliveryOptions): Promise<{ status: number; body: string }>;
	/** Origin of the storage listener (another port, so another origin than `url`). */
	storageUrl: string;
	/** Every request the storage listener saw (method, path, authorization/credential flags, status). */
	storageLog(): StorageRequest[];
	clearStorageLog(): void;
	/** Changes how new jobs behave (duration, outcome, Retry-After, signed URL lifetime); returns the config. */
	setJobs(config: Partial<JobConfig>): JobConfig;
	/** Every job of a tenant (or all), deleted ones flagged, with their row errors. */
	jobs(
		tenantId?: number,
	): Array<Record<string, unknown> & { tenantId: number; deleted: boolean; rowErrors: RowError[] }>;
	/** Adds a document with the given bytes; returns it as GET /documents/{id} answers it. */
	addDocument(input: DocumentInput, tenantId?: number): Record<string, unknown>;
	/** Bytes stored on the storage listener under a key (an upload: `tenants/<t>/<sourcePath>`), if any. */
	storageObject(key: string): { bytes: Buffer; contentType: string; fileName?: string } | undefined;
	/** The OAuth 2.1 authorization server (sandbox/oauth.ts; docs/sandbox.md). */
	oauth: SandboxOAuth;
	/**
	 * What a person does in BuildWorkPro's web app, which no API operation does: cancel or reopen a
	 * bid, void a pay app or change order (`family` as in the URL, e.g. 'pay-apps'). Sends its
	 * webhook; answers the record as GET does; throws the API's 404/409 problem otherwise.
	 */
	appAction(
		family: string,
		id: number,
		action: string,
		body?: Record<string, unknown>,
		tenantId?: number,
	): Record<string, unknown>;
	/** One pass of BuildWorkPro's scheduler as of `now` (default: now): sent bids past validUntil expire. */
	runScheduler(now?: Date): ScheduledChange[];
}

export interface SandboxOAuth {
	/** Registers (or replaces, by clientId) a client; answers it as POST /oauth/register does (client_id, client_secret, …). */
	registerClient(input: OAuthClientInput): Record<string, unknown>;
	/** Changes token lifetimes, auto-approval (an email, a user id, true = Dana Whitaker of tenant 1, false) …; returns the config. */
	configure(config: Partial<OAuthConfig>): OAuthConfig;
	/** Expires every access token now (or only `token`); answers how many. */
	expireAccessTokens(token?: string): number;
	/** Revokes one token family (or all), as a user removing the app would; answers how many were live. */
	revokeFamilies(familyId?: number): number;
	/** Every token family (one per authorization) with its refresh and access tokens and their states. */
	families(): OAuthFamilyView[];
	/** Every registered client, secrets included. */
	clients(): Array<Record<string, unknown>>;
	/** The seeded clients and the consent page's shared password. */
	readonly seeded: {
		confidential: { clientId: string; clientSecret: string };
		public: { clientId: string };
		redirectUris: string[];
		password: string;
	};
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const keys = options.keys ?? DEFAULT_KEYS;
	const app = new SandboxApp(keys, options);
	if (options.seed) app.seed(options.seed, 1);
	const storageUrl = await app.storage.start();

	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		handleRequest(app, req, res).catch((err) => {
			// Last line of defence: a bug must never take the server down.
			console.error('[sandbox] request failed', err);
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/problem+json' });
				res.end(
					JSON.stringify({
						type: 'https://docs.buildworkpro.com/errors#internal_error',
						title: 'Internal server error',
						status: 500,
						code: 'internal_error',
					}),
				);
			} else res.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		const onError = (err: Error) => {
			void app.storage.close();
			reject(err);
		};
		server.once('error', onError);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', onError);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const url = `http://${host}:${address.port}`;

	// Keys by role: the first key with every scope, the first read-only one, the first of another tenant.
	const pick = (predicate: (k: SandboxKey) => boolean) => keys.find(predicate)?.token ?? '';
	const full = pick((k) => k.scopes.length >= ALL_SCOPES.length) || keys[0]?.token || '';
	const fullTenant = keys.find((k) => k.token === full)?.tenantId ?? 1;

	let closing: Promise<void> | undefined;
	return {
		url,
		baseUrl: `${url}/api/v1`,
		keys: {
			full,
			readOnly: pick(
				(k) =>
					k.tenantId === fullTenant &&
					!k.scopes.includes('contacts:write') &&
					k.scopes.includes('contacts:read'),
			),
			otherTenant: pick((k) => k.tenantId !== fullTenant),
		},
		close() {
			closing ??= (async () => {
				await app.close();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					for (const socket of sockets) socket.destroy();
				});
			})();
			return closing;
		},
		seed: (count, tenantId = 1) => app.seed(count, tenantId),
		seedFamily: (family, count, tenantId = 1) => app.seedFamily(family, count, tenantId),
		reset: () => app.reset(),
		requestLog: () => app.requestLog.list(),
		clearRequestLog: () => app.requestLog.clear(),
		injectFault: (fault) => app.faults.inject(fault),
		clearFaults: () => app.faults.clear(),
		setRateLimit: (r) => {
			app.setRateLimit(r);
		},
		contacts: (tenantId = 1) =>
			[...app.contacts.table(tenantId).byId.values()]
				.filter((c) => c.deletedAt === null)
				.map((c) => {
					const { tenantId: _t, createdAtMs: _c, deletedAt: _d, searchText: _s, ...contact } = c;
					return contact;
				}),
		webhookEndpoints: (tenantId) => app.webhooks.rawEndpoints(tenantId),
		deliveries: () => app.webhooks.rawDeliveries(),
		sendDelivery: (opts) => app.webhooks.sendDelivery(opts),
		storageUrl,
		storageLog: () => app.storage.requestLog(),
		clearStorageLog: () => app.storage.clearLog(),
		setJobs: (config) => app.setJobs(config),
		jobs: (tenantId) => app.jobs.rawJobs(tenantId),
		addDocument: (input, tenantId = 1) => app.addDocument(input, tenantId),
		oauth: {
			registerClient: (input) => app.oauth.registerClient(input),
			configure: (config) => app.oauth.configure(config),
			expireAccessTokens: (token) => app.oauth.expireAccessTokens(token),
			revokeFamilies: (familyId) => app.oauth.revokeFamilies(familyId),
			families: () => app.oauth.families(),
			clients: () => app.oauth.listClients(),
			seeded: {
				confidential: { ...SANDBOX_CONFIDENTIAL_CLIENT },
				public: { ...SANDBOX_PUBLIC_CLIENT },
				redirectUris: [...N8N_LOCAL_REDIRECT_URIS],
				password: SANDBOX_USER_PASSWORD,
			},
		},
		appAction: (family, id, action, body = {}, tenantId = 1) =>
			runAppAction(app.resources, family, id, action, body, tenantId),
		runScheduler: (now) => runScheduler(app.resources, now?.getTime()),
		storageObject: (key) => {
			const object = app.storage.get(key);
			return (
				object && {
					bytes: object.bytes,
					contentType: object.contentType,
					fileName: object.fileName,
				}
			);
		},
	};
}
