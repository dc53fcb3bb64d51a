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
import type {
	Contact,
	DeliveryRecord,
	FaultSpec,
	LoggedRequest,
	SandboxKey,
	SandboxOptions,
	SendDeliveryOptions,
	WebhookEndpoint,
} from './types';

export type * from './types';
export { signV1, SIGNATURE_HEADER, EVENT_TYPES } from './webhooks';
export { ERROR_TYPE_BASE } from './problems';
export { ALL_SCOPES, OPERATIONS, costOf } from './catalog';

export const DEFAULT_KEYS: SandboxKey[] = [
	{ token: 'bwp_test_full_sandbox', name: 'Sandbox full access', scopes: [...ALL_SCOPES], tenantId: 1 },
	{ token: 'bwp_test_readonly_sandbox', name: 'Sandbox read-only', scopes: ['contacts:read'], tenantId: 1 },
	{ token: 'bwp_test_tenant2_sandbox', name: 'Sandbox tenant 2', scopes: [...ALL_SCOPES], tenantId: 2 },
];

export interface Sandbox {
	url: string;
	baseUrl: string;
	keys: { full: string; readOnly: string; otherTenant: string };
	close(): Promise<void>;
	seed(count: number, tenantId?: number): number;
	/** Seeds generated records of a family ('contacts', 'leads', 'projects', 'bids', 'change-orders', 'pay-apps', 'invoices'); returns its live total. */
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
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const keys = options.keys ?? DEFAULT_KEYS;
	const app = new SandboxApp(keys, options);
	if (options.seed) app.seed(options.seed, 1);

	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		app.handle(req, res).catch((err) => {
			// Last line of defence: a bug must never take the server down.
			console.error('[sandbox] request failed', err);
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/problem+json' });
				res.end(JSON.stringify({ type: 'https://docs.buildworkpro.com/errors#internal_error', title: 'Internal server error', status: 500, code: 'internal_error' }));
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
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
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
			readOnly: pick((k) => k.tenantId === fullTenant && !k.scopes.includes('contacts:write') && k.scopes.includes('contacts:read')),
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
		requestLog: () => app.requestLog(),
		clearRequestLog: () => app.clearRequestLog(),
		injectFault: (fault) => app.injectFault(fault),
		clearFaults: () => app.clearFaults(),
		setRateLimit: (r) => {
			app.setRateLimit(r);
		},
		contacts: (tenantId = 1) =>
			[...app.table(tenantId).byId.values()].filter((c) => c.deletedAt === null).map((c) => {
				const { tenantId: _t, createdAtMs: _c, deletedAt: _d, searchText: _s, ...contact } = c;
				return contact;
			}),
		webhookEndpoints: (tenantId) => app.webhooks.rawEndpoints(tenantId),
		deliveries: () => app.webhooks.rawDeliveries(),
		sendDelivery: (opts) => app.webhooks.sendDelivery(opts),
	};
}
