/**
 * Spreads the sandbox's own faults over a run. FaultSpec's `count` hits the next N matching
 * requests back to back; to get, say, 10 % commit-then-drop and 5 % 503 spread evenly, this
 * loopback proxy sits between the client and the sandbox, numbers the matching requests, and for
 * the chosen ones injects a one-shot fault into the sandbox just before forwarding. The sandbox
 * then commits-and-drops or answers 503 exactly as it documents; the proxy only passes bytes
 * through (and closes the client's connection when the sandbox dropped its own).
 */
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { FaultSpec, Sandbox } from '../../sandbox';

export interface FaultProxy {
	/** Base URL to hand the client instead of sandbox.baseUrl. */
	baseUrl: string;
	/** Faults injected so far, by kind. */
	injected: Record<string, number>;
	/** Matching requests seen so far. */
	matched: number;
	close(): Promise<void>;
}

export async function startFaultProxy(
	sandbox: Sandbox,
	match: { method: string; path: string },
	faultFor: (requestNumber: number) => FaultSpec['kind'] | undefined,
): Promise<FaultProxy> {
	const target = new URL(sandbox.url);
	const agent = new Agent({ keepAlive: true });
	const sockets = new Set<Socket>();
	const proxy: FaultProxy = { baseUrl: '', injected: {}, matched: 0, close: async () => undefined };
	const server: Server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		if (req.method === match.method && path === `/api/v1${match.path}`) {
			const kind = faultFor(++proxy.matched);
			if (kind) {
				sandbox.injectFault({ kind, method: match.method, path: match.path, count: 1 });
				proxy.injected[kind] = (proxy.injected[kind] ?? 0) + 1;
			}
		}
		const upstream = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: target.host },
				agent,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		// The sandbox destroyed its socket (drop / commit-then-drop): the client's must close too.
		upstream.on('error', () => req.socket.destroy());
		req.pipe(upstream);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	proxy.baseUrl = `http://127.0.0.1:${port}/api/v1`;
	proxy.close = async () => {
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});
		agent.destroy();
	};
	return proxy;
}
