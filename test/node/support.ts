/**
 * Shared set-up for the BuildWorkPro node's specifications: a sandbox per test file, the node run
 * through n8n-core's real engine (test/harness), and a rewriting HTTP proxy for answers the
 * sandbox would never give (a misbehaving server).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { forgetRateLimitState } from '../../nodes/shared/transport/rateLimit';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export type { Sandbox };

/**
 * Starts a sandbox for the file (rate limits off unless asked for) and closes it afterwards.
 * Tests reset it in beforeEach when they need a clean store. The node's pacing state is
 * per credential and process-wide, so it is forgotten before each test: a 429 pause left by one
 * test must not slow down the next.
 */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox } {
	const holder = {} as { sandbox: Sandbox };
	beforeAll(async () => {
		holder.sandbox = await startSandbox({ rateLimit: { enabled: false }, ...options });
	});
	beforeEach(() => forgetRateLimitState());
	afterAll(async () => {
		await holder.sandbox?.close();
	});
	return holder;
}

export function apiKeyCredentials(baseUrl: string, apiKey: string) {
	return { buildWorkProApi: { apiKey, baseUrl } };
}

/** Runs one operation of a resource of the BuildWorkPro node with the sandbox's full-access key unless told otherwise. */
export async function runResource(
	sandbox: Sandbox,
	resource: string,
	parameters: INodeParameters,
	extra: Omit<RunNodeOptions, 'parameters'> & { apiKey?: string; baseUrl?: string } = {},
): Promise<RunNodeResult> {
	const { apiKey, baseUrl, ...rest } = extra;
	return await runNode({
		credentials: apiKeyCredentials(baseUrl ?? sandbox.baseUrl, apiKey ?? sandbox.keys.full),
		...rest,
		parameters: { resource, ...parameters },
	});
}

/** Runs the BuildWorkPro node with the sandbox's full-access key unless told otherwise. */
export async function runContactNode(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: Omit<RunNodeOptions, 'parameters'> & { apiKey?: string; baseUrl?: string } = {},
): Promise<RunNodeResult> {
	const { apiKey, baseUrl, ...rest } = extra;
	return await runNode({
		credentials: apiKeyCredentials(baseUrl ?? sandbox.baseUrl, apiKey ?? sandbox.keys.full),
		...rest,
		parameters: { resource: 'contact', ...parameters },
	});
}

/** API requests the sandbox saw, optionally only those of one method. */
export function apiRequests(sandbox: Sandbox, method?: string) {
	return sandbox.requestLog().filter((entry) => !method || entry.method === method);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The error as n8n would store and show it (what a user, or a log shipper, gets to see). */
export function serializedError(result: RunNodeResult): string {
	return JSON.stringify({
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
		items: result.items.map((item) => ({ json: item.json, error: item.error })),
		errorMessages: result.items.map((item) => [item.error?.message, item.error?.description]),
		run: result.run.data.resultData,
	});
}

export interface RewritingProxy {
	url: string;
	/** Number of answers rewritten so far. */
	rewrites: number;
	close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the sandbox that lets a test rewrite JSON answers, e.g. to hand the
 * node a tampered or repeating cursor. `rewrite` returns the new body, or undefined to pass the
 * answer through unchanged.
 */
export async function startRewritingProxy(
	targetUrl: string,
	rewrite: (body: IDataObject, request: IncomingMessage) => IDataObject | undefined,
): Promise<RewritingProxy> {
	const target = new URL(targetUrl);
	const sockets = new Set<Socket>();
	const state = { rewrites: 0 };
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const upstream = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: target.host },
				},
				(answer) => {
					const answerChunks: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
					answer.on('end', () => {
						let payload = Buffer.concat(answerChunks);
						const headers = { ...answer.headers };
						if (payload.length > 0 && String(headers['content-type'] ?? '').includes('json')) {
							const replaced = rewrite(JSON.parse(payload.toString('utf8')) as IDataObject, req);
							if (replaced !== undefined) {
								state.rewrites += 1;
								payload = Buffer.from(JSON.stringify(replaced));
							}
						}
						headers['content-length'] = String(payload.length);
						delete headers['transfer-encoding'];
						res.writeHead(answer.statusCode ?? 502, headers);
						res.end(payload);
					});
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(Buffer.concat(chunks));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
		get rewrites() {
			return state.rewrites;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * BuildWorkPro's API called directly with the full-access key, as its web app would change
 * things; answers the envelope's `data`, and throws on an error status.
 */
export function sandboxApi(env: { readonly sandbox: Sandbox }) {
	return async function api(method: string, path: string, body?: unknown) {
		const response = await fetch(`${env.sandbox.baseUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${env.sandbox.keys.full}`,
				'content-type': 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const json = (await response.json().catch(() => undefined)) as { data?: any } | undefined;
		if (response.status >= 300)
			throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
		return json?.data;
	};
}

/** The Idempotency-Key a logged request carried. */
export const keyOf = (entry: { headers: Record<string, string> }) =>
	entry.headers['idempotency-key'];
