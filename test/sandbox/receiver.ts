/** A local webhook receiver for tests, with its own, independent signature check. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
	headers: IncomingHttpHeaders;
	rawBody: string;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	receivedAt: number;
}

export type Responder = (
	delivery: ReceivedDelivery,
	index: number,
) => { status: number; delayMs?: number; body?: string };

export class Receiver {
	readonly received: ReceivedDelivery[] = [];
	responder: Responder = () => ({ status: 200 });
	private server: Server;
	private pending = new Set<NodeJS.Timeout>();
	url = '';

	constructor() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const rawBody = Buffer.concat(chunks).toString('utf8');
				let body: unknown;
				try {
					body = JSON.parse(rawBody);
				} catch {
					body = undefined;
				}
				const delivery = { headers: req.headers, rawBody, body, receivedAt: Date.now() };
				this.received.push(delivery);
				const answer = this.responder(delivery, this.received.length - 1);
				const reply = () => {
					if (!res.destroyed)
						res
							.writeHead(answer.status, { 'content-type': 'text/plain' })
							.end(answer.body ?? `status ${answer.status}`);
				};
				if (answer.delayMs) {
					const timer = setTimeout(() => {
						this.pending.delete(timer);
						reply();
					}, answer.delayMs);
					this.pending.add(timer);
				} else reply();
			});
		});
	}

	async start(): Promise<this> {
		await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/buildworkpro`;
		return this;
	}

	async waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedDelivery[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.received.length < count) {
			if (Date.now() > deadline)
				throw new Error(`expected ${count} deliveries, got ${this.received.length}`);
			await new Promise((r) => setTimeout(r, 10));
		}
		return this.received;
	}

	async close(): Promise<void> {
		for (const t of this.pending) clearTimeout(t);
		this.server.closeAllConnections();
		await new Promise((r) => this.server.close(r));
	}
}

/**
 * Verifies `t=<unix>,v1=<hex>[,v1=<hex>…]` as documented: HMAC-SHA256(secret, t + "." + rawBody),
 * constant-time compare, any v1 may match, timestamp within 300 s.
 */
export function verifySignature(
	header: string | undefined,
	rawBody: string,
	secret: string,
	nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
	if (!header) return false;
	const parts = header.split(',').map((p) => p.trim().split('='));
	const t = parts.find(([k]) => k === 't')?.[1];
	const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
	if (!t || !/^\d+$/.test(t) || !signatures.length) return false;
	if (Math.abs(nowSeconds - Number(t)) > 300) return false;
	const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
	return signatures.some((s) => {
		const given = Buffer.from(s, 'hex');
		return given.length === expected.length && timingSafeEqual(given, expected);
	});
}
