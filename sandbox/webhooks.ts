/**
 * Webhook endpoints and outgoing deliveries (sent with undici).
 *
 * Unlike the real service, which accepts only public HTTPS URLs and SSRF-checks them, the sandbox
 * accepts any http(s) URL including loopback, because test receivers listen on 127.0.0.1.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';
import type {
	DeliveryRecord,
	DeliveryState,
	SendDeliveryOptions,
	WebhookEndpoint,
	WebhookOptions,
} from './types';
import { ApiError, badRequest, notFound, validationFailed, type FieldError } from './problems';
import { pageOf } from './keyset';
import type { CursorCodec } from './cursor';
import { filterFingerprint } from './cursor';
import { parseDateParam } from './query';

export const EVENT_TYPES = [
	'bid.created',
	'bid.updated',
	'bid.deleted',
	'bid.accepted',
	'bid.acceptance_reverted',
	'bid.rejected',
	'bid.expired',
	'bid.cancelled',
	'bid.reopened',
	'project.created',
	'project.updated',
	'project.deleted',
	'project.status_changed',
	'pay_app.submitted',
	'pay_app.approved',
	'pay_app.rejected',
	'pay_app.paid',
	'pay_app.voided',
	'pay_app.updated',
	'pay_app.deleted',
	'change_order.submitted',
	'change_order.approved',
	'change_order.rejected',
	'change_order.voided',
	'change_order.updated',
	'change_order.deleted',
	'contact.created',
	'contact.updated',
	'contact.deleted',
	'lead.created',
	'lead.updated',
	'lead.deleted',
	'product.created',
	'product.updated',
	'product.deleted',
] as const;

export const SIGNATURE_HEADER = 'BuildWorkPro-Signature';
export const USER_AGENT = 'BuildWorkPro-Webhooks/1.0';
/** Real schedule: 7 attempts spread over about 31 hours. */
export const DEFAULT_RETRY_DELAYS_MS = [
	60_000,
	5 * 60_000,
	30 * 60_000,
	2 * 3_600_000,
	8 * 3_600_000,
	20 * 3_600_000,
];
const MAX_ENDPOINTS_PER_TENANT = 200;
const RESPONSE_BODY_CAP = 10 * 1024;

/** hex(HMAC-SHA256(secret, `${t}.${rawBody}`)): the documented v1 signature. */
export function signV1(secret: string, timestamp: number, rawBody: string): string {
	return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export interface WebhookEvent {
	id: string;
	type: string;
	created_at: string;
	tenant_id: number;
	data: unknown;
	previous_attributes?: Record<string, unknown>;
}

interface StoredEndpoint extends WebhookEndpoint {
	tenantId: number;
	deleted: boolean;
	secret: string;
	/** Secrets replaced by rotate-secret, still used for signing until `until`. */
	previousSecrets: Array<{ secret: string; until: number }>;
}

interface StoredDelivery {
	id: number;
	tenantId: number;
	endpointId: number;
	eventId: string;
	eventType: string;
	url: string;
	rawBody: string;
	status: DeliveryState;
	attemptCount: number;
	attempts: Array<{ at: string; status?: number; error?: string }>;
	nextAttemptAt: string | null;
	lastAttemptedAt: string | null;
	responseStatus: number | null;
	responseBody: string | null;
	responseHeaders: Record<string, string> | null;
	errorMessage: string | null;
	createdAt: string;
	createdAtMs: number;
	completedAt: string | null;
	timer?: NodeJS.Timeout;
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
const iso = (ms = Date.now()) => new Date(ms).toISOString();

export class WebhookService {
	private endpoints = new Map<number, StoredEndpoint>();
	private deliveries = new Map<number, StoredDelivery>();
	private deliveryIdsByTenant = new Map<number, number[]>();
	private nextEndpointId = 1;
	private nextDeliveryId = 1;
	private timers = new Set<NodeJS.Timeout>();
	private inFlight = new Set<AbortController>();
	private readonly agent = new Agent({ keepAliveTimeout: 1_000, connections: 16 });
	private closed = false;
	readonly retryDelaysMs: number[];
	readonly timeoutMs: number;
	readonly disableAfterFailures: number;
	readonly rotationGraceMs: number;

	constructor(options: WebhookOptions = {}) {
		this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
		this.timeoutMs = options.timeoutMs ?? 10_000;
		this.disableAfterFailures = options.disableAfterFailures ?? 20;
		this.rotationGraceMs = options.rotationGraceMs ?? 24 * 3_600_000;
	}

	// ---- endpoint management -------------------------------------------------------------

	private present(e: StoredEndpoint): WebhookEndpoint {
		return {
			id: e.id,
			url: e.url,
			description: e.description,
			eventTypes: [...e.eventTypes],
			isActive: e.isActive,
			consecutiveFailures: e.consecutiveFailures,
			lastDeliveredAt: e.lastDeliveredAt,
			disabledAt: e.disabledAt,
			disabledReason: e.disabledReason,
			createdAt: e.createdAt,
			updatedAt: e.updatedAt,
		};
	}

	private find(tenantId: number, id: number): StoredEndpoint {
		const e = this.endpoints.get(id);
		if (!e || e.deleted || e.tenantId !== tenantId) throw notFound('Webhook endpoint not found.');
		return e;
	}

	private validate(body: unknown, mode: 'create' | 'update') {
		if (body === undefined) body = {};
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			throw badRequest('The request body must be a JSON object.');
		const input = body as Record<string, unknown>;
		const errors: FieldError[] = [];
		const out: {
			url?: string;
			eventTypes?: string[];
			description?: string | null;
			isActive?: boolean;
		} = {};
		if ('url' in input) {
			const url = input.url;
			let parsed: URL | undefined;
			try {
				parsed = typeof url === 'string' ? new URL(url) : undefined;
			} catch {
				parsed = undefined;
			}
			if (typeof url !== 'string')
				errors.push({ field: 'url', code: 'invalid_type', message: 'url must be a string.' });
			else if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
				errors.push({
					field: 'url',
					code: 'invalid_format',
					message: 'url must be an absolute http(s) URL.',
				});
			} else out.url = url;
		} else if (mode === 'create')
			errors.push({ field: 'url', code: 'required', message: 'url is required.' });
		if ('eventTypes' in input) {
			const types = input.eventTypes;
			if (!Array.isArray(types)) {
				errors.push({
					field: 'eventTypes',
					code: 'invalid_type',
					message: 'eventTypes must be an array of event types.',
				});
			} else if (types.length < 1 || types.length > EVENT_TYPES.length) {
				errors.push({
					field: 'eventTypes',
					code: 'invalid_length',
					message: `eventTypes must hold 1 to ${EVENT_TYPES.length} event types.`,
				});
			} else {
				types.forEach((t, i) => {
					if (typeof t !== 'string' || !(EVENT_TYPES as readonly string[]).includes(t)) {
						errors.push({
							field: `eventTypes[${i}]`,
							code: 'invalid_enum',
							message: `Unknown event type: ${String(t)}.`,
						});
					}
				});
				out.eventTypes = [...new Set(types as string[])];
			}
		} else if (mode === 'create')
			errors.push({ field: 'eventTypes', code: 'required', message: 'eventTypes is required.' });
		if ('description' in input) {
			const d = input.description;
			if (d !== null && typeof d !== 'string')
				errors.push({
					field: 'description',
					code: 'invalid_type',
					message: 'description must be a string or null.',
				});
			else if (typeof d === 'string' && d.length > 2000)
				errors.push({
					field: 'description',
					code: 'too_long',
					message: 'description must be at most 2000 characters.',
				});
			else out.description = d;
		}
		if (mode === 'update' && 'isActive' in input) {
			if (typeof input.isActive !== 'boolean')
				errors.push({
					field: 'isActive',
					code: 'invalid_type',
					message: 'isActive must be a boolean.',
				});
			else out.isActive = input.isActive;
		}
		if (errors.length) throw validationFailed(errors);
		return out;
	}

	create(tenantId: number, body: unknown) {
		const input = this.validate(body, 'create');
		const live = [...this.endpoints.values()].filter(
			(e) => e.tenantId === tenantId && !e.deleted,
		).length;
		if (live >= MAX_ENDPOINTS_PER_TENANT) {
			throw new ApiError(
				409,
				'conflict',
				`A tenant can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints.`,
			);
		}
		const at = iso();
		const endpoint: StoredEndpoint = {
			id: this.nextEndpointId++,
			tenantId,
			url: input.url!,
			description: input.description ?? null,
			eventTypes: input.eventTypes!,
			isActive: true,
			consecutiveFailures: 0,
			lastDeliveredAt: null,
			disabledAt: null,
			disabledReason: null,
			createdAt: at,
			updatedAt: at,
			deleted: false,
			secret: newSecret(),
			previousSecrets: [],
		};
		this.endpoints.set(endpoint.id, endpoint);
		return { ...this.present(endpoint), signingSecret: endpoint.secret };
	}

	list(tenantId: number): WebhookEndpoint[] {
		return [...this.endpoints.values()]
			.filter((e) => e.tenantId === tenantId && !e.deleted)
			.slice(0, MAX_ENDPOINTS_PER_TENANT)
			.map((e) => this.present(e));
	}

	get(tenantId: number, id: number): WebhookEndpoint {
		return this.present(this.find(tenantId, id));
	}

	update(tenantId: number, id: number, body: unknown): WebhookEndpoint {
		const e = this.find(tenantId, id);
		const input = this.validate(body, 'update');
		if (input.url !== undefined) e.url = input.url;
		if (input.eventTypes !== undefined) e.eventTypes = input.eventTypes;
		if (input.description !== undefined) e.description = input.description;
		if (input.isActive === true && !e.isActive) {
			e.isActive = true;
			e.consecutiveFailures = 0;
			e.disabledAt = null;
			e.disabledReason = null;
		} else if (input.isActive === false && e.isActive) {
			e.isActive = false;
			e.disabledAt = iso();
			e.disabledReason = 'Disabled through the API.';
		}
		e.updatedAt = iso();
		return this.present(e);
	}

	remove(tenantId: number, id: number): void {
		const e = this.find(tenantId, id);
		e.deleted = true;
		e.updatedAt = iso();
	}

	rotateSecret(tenantId: number, id: number): { signingSecret: string } {
		const e = this.find(tenantId, id);
		const now = Date.now();
		if (this.rotationGraceMs > 0)
			e.previousSecrets.push({ secret: e.secret, until: now + this.rotationGraceMs });
		e.secret = newSecret();
		e.updatedAt = iso(now);
		return { signingSecret: e.secret };
	}

	// ---- deliveries ----------------------------------------------------------------------

	/** A delivery as openapi's WebhookDeliveryFull: exactly its fields (the event type is a filter, not a field). */
	private presentDelivery(d: StoredDelivery) {
		return {
			id: d.id,
			eventId: d.eventId,
			endpointId: d.endpointId,
			status: d.status,
			attemptCount: d.attemptCount,
			nextAttemptAt: d.nextAttemptAt,
			lastAttemptedAt: d.lastAttemptedAt,
			responseStatus: d.responseStatus,
			responseBody: d.responseBody,
			responseHeaders: d.responseHeaders,
			errorMessage: d.errorMessage,
			createdAt: d.createdAt,
			completedAt: d.completedAt,
		};
	}

	endpointDeliveries(tenantId: number, endpointId: number) {
		this.find(tenantId, endpointId);
		const ids = this.deliveryIdsByTenant.get(tenantId) ?? [];
		const out = [];
		for (let i = ids.length - 1; i >= 0 && out.length < 100; i--) {
			const d = this.deliveries.get(ids[i])!;
			if (d.endpointId === endpointId) out.push(this.presentDelivery(d));
		}
		return out;
	}

	listDeliveries(
		tenantId: number,
		query: Record<string, string>,
		limit: number,
		cursors: CursorCodec,
	) {
		const statuses = ['pending', 'succeeded', 'failed', 'exhausted'];
		let endpointId: number | undefined;
		if (query.endpointId) {
			if (!/^[1-9]\d{0,14}$/.test(query.endpointId))
				throw badRequest('endpointId must be a positive integer.');
			endpointId = Number(query.endpointId);
		}
		if (query.status && !statuses.includes(query.status)) {
			throw badRequest(`status must be one of: ${statuses.join(', ')}.`);
		}
		const fromMs = parseDateParam('dateFrom', query.dateFrom);
		const toMs = parseDateParam('dateTo', query.dateTo);
		const fingerprint = filterFingerprint({
			endpointId: query.endpointId,
			status: query.status,
			eventType: query.eventType,
			dateFrom: query.dateFrom,
			dateTo: query.dateTo,
		});
		const after = query.cursor
			? cursors.decode(query.cursor, tenantId, 'webhook-deliveries', fingerprint)
			: undefined;
		const page = pageOf(
			this.deliveryIdsByTenant.get(tenantId) ?? [],
			(id) => this.deliveries.get(id),
			(d) =>
				(endpointId === undefined || d.endpointId === endpointId) &&
				(!query.status || d.status === query.status) &&
				(!query.eventType || d.eventType === query.eventType) &&
				(fromMs === undefined || d.createdAtMs >= fromMs) &&
				(toMs === undefined || d.createdAtMs <= toMs),
			after,
			limit,
			true,
		);
		const last = page.items[page.items.length - 1];
		return {
			data: page.items.map((d) => this.presentDelivery(d)),
			pagination: {
				cursor:
					page.hasMore && last
						? cursors.encode(tenantId, 'webhook-deliveries', fingerprint, last.id)
						: null,
				has_more: page.hasMore,
				count: page.items.length,
			},
		};
	}

	private findDelivery(tenantId: number, id: number): StoredDelivery {
		const d = this.deliveries.get(id);
		if (!d || d.tenantId !== tenantId) throw notFound('Webhook delivery not found.');
		return d;
	}

	getDelivery(tenantId: number, id: number) {
		return this.presentDelivery(this.findDelivery(tenantId, id));
	}

	replay(tenantId: number, id: number) {
		const d = this.findDelivery(tenantId, id);
		const endpoint = this.endpoints.get(d.endpointId);
		if (!endpoint || endpoint.deleted)
			throw new ApiError(409, 'conflict', 'The endpoint of this delivery has been deleted.');
		if (d.timer) this.clearTimer(d.timer);
		Object.assign(d, {
			status: 'pending',
			attemptCount: 0,
			nextAttemptAt: iso(),
			responseStatus: null,
			responseBody: null,
			responseHeaders: null,
			errorMessage: null,
			completedAt: null,
		});
		this.schedule(d, 0);
		return this.presentDelivery(d);
	}

	/** Creates an event and queues one delivery per subscribed, active endpoint of the tenant. */
	emit(
		tenantId: number,
		type: string,
		data: unknown,
		previousAttributes?: Record<string, unknown>,
	): WebhookEvent {
		const event: WebhookEvent = {
			id: `evt_${randomBytes(12).toString('hex')}`,
			type,
			created_at: iso(),
			tenant_id: tenantId,
			data,
			...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
		};
		const rawBody = JSON.stringify(event);
		for (const endpoint of this.endpoints.values()) {
			if (endpoint.tenantId !== tenantId || endpoint.deleted || !endpoint.isActive) continue;
			if (!endpoint.eventTypes.includes(type)) continue;
			const now = Date.now();
			const delivery: StoredDelivery = {
				id: this.nextDeliveryId++,
				tenantId,
				endpointId: endpoint.id,
				eventId: event.id,
				eventType: type,
				url: endpoint.url,
				rawBody,
				status: 'pending',
				attemptCount: 0,
				attempts: [],
				nextAttemptAt: iso(now),
				lastAttemptedAt: null,
				responseStatus: null,
				responseBody: null,
				responseHeaders: null,
				errorMessage: null,
				createdAt: iso(now),
				createdAtMs: now,
				completedAt: null,
			};
			this.deliveries.set(delivery.id, delivery);
			let ids = this.deliveryIdsByTenant.get(tenantId);
			if (!ids) this.deliveryIdsByTenant.set(tenantId, (ids = []));
			ids.push(delivery.id);
			this.schedule(delivery, 0);
		}
		return event;
	}

	private clearTimer(timer: NodeJS.Timeout) {
		clearTimeout(timer);
		this.timers.delete(timer);
	}

	private schedule(d: StoredDelivery, delayMs: number) {
		if (this.closed) return;
		d.nextAttemptAt = iso(Date.now() + delayMs);
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			d.timer = undefined;
			void this.attempt(d);
		}, delayMs);
		d.timer = timer;
		this.timers.add(timer);
	}

	private signatureHeader(endpoint: StoredEndpoint, rawBody: string): string {
		const now = Date.now();
		const t = Math.floor(now / 1000);
		endpoint.previousSecrets = endpoint.previousSecrets.filter((p) => p.until > now);
		const secrets = [endpoint.secret, ...endpoint.previousSecrets.map((p) => p.secret)];
		return [`t=${t}`, ...secrets.map((s) => `v1=${signV1(s, t, rawBody)}`)].join(',');
	}

	private async attempt(d: StoredDelivery): Promise<void> {
		const endpoint = this.endpoints.get(d.endpointId);
		if (this.closed || !endpoint) return;
		if (endpoint.deleted || !endpoint.isActive) {
			this.finish(
				d,
				'failed',
				endpoint.deleted ? 'The endpoint was deleted.' : 'The endpoint is disabled.',
			);
			return;
		}
		d.attemptCount++;
		const attemptAt = iso();
		d.lastAttemptedAt = attemptAt;
		d.nextAttemptAt = null;
		d.url = endpoint.url;
		const controller = new AbortController();
		this.inFlight.add(controller);
		const timeout = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
		this.timers.add(timeout);
		let status: number | undefined;
		let error: string | undefined;
		try {
			const response = await request(endpoint.url, {
				method: 'POST',
				dispatcher: this.agent,
				signal: controller.signal,
				headers: {
					'content-type': 'application/json',
					'user-agent': USER_AGENT,
					[SIGNATURE_HEADER]: this.signatureHeader(endpoint, d.rawBody),
					'BuildWorkPro-Event': d.eventType,
					'BuildWorkPro-Event-Id': d.eventId,
					'BuildWorkPro-Delivery-Id': String(d.id),
				},
				body: d.rawBody,
			});
			status = response.statusCode;
			const text = await response.body.text();
			d.responseStatus = status;
			d.responseBody = text.slice(0, RESPONSE_BODY_CAP);
			d.responseHeaders = Object.fromEntries(
				Object.entries(response.headers).map(([k, v]) => [
					k,
					Array.isArray(v) ? v.join(', ') : String(v ?? ''),
				]),
			);
			d.errorMessage = null;
		} catch (err) {
			error = controller.signal.aborted
				? `Timed out after ${this.timeoutMs} ms.`
				: (err as Error).message || 'Connection failed.';
			d.responseStatus = null;
			d.responseBody = null;
			d.responseHeaders = null;
			d.errorMessage = error;
		} finally {
			this.clearTimer(timeout);
			this.inFlight.delete(controller);
		}
		// A reset or close while the request was in flight makes this delivery an orphan.
		if (this.closed || this.deliveries.get(d.id) !== d) return;
		d.attempts.push(status !== undefined ? { at: attemptAt, status } : { at: attemptAt, error });

		if (status !== undefined && status >= 200 && status < 300) {
			endpoint.consecutiveFailures = 0;
			endpoint.lastDeliveredAt = iso();
			this.finish(d, 'succeeded', null);
			return;
		}
		endpoint.consecutiveFailures++;
		if (endpoint.isActive && endpoint.consecutiveFailures >= this.disableAfterFailures) {
			endpoint.isActive = false;
			endpoint.disabledAt = iso();
			endpoint.disabledReason = `Disabled after ${endpoint.consecutiveFailures} consecutive failed deliveries.`;
			endpoint.updatedAt = endpoint.disabledAt;
		}
		const retryable = status === undefined || status === 408 || status === 429 || status >= 500;
		if (status !== undefined && !retryable)
			d.errorMessage = `Receiver answered ${status}; not retried.`;
		if (!retryable) return this.finish(d, 'failed', d.errorMessage);
		if (!endpoint.isActive) return this.finish(d, 'failed', endpoint.disabledReason);
		if (d.attemptCount > this.retryDelaysMs.length)
			return this.finish(d, 'exhausted', d.errorMessage ?? `Receiver answered ${status}.`);
		this.schedule(d, this.retryDelaysMs[d.attemptCount - 1]);
	}

	private finish(d: StoredDelivery, status: DeliveryState, errorMessage: string | null) {
		d.status = status;
		d.errorMessage = errorMessage;
		d.nextAttemptAt = null;
		d.completedAt = iso();
	}

	// ---- test controls --------------------------------------------------------------------

	rawEndpoints(tenantId?: number): Array<WebhookEndpoint & { deleted: boolean; tenantId: number }> {
		return [...this.endpoints.values()]
			.filter((e) => tenantId === undefined || e.tenantId === tenantId)
			.map((e) => ({ ...this.present(e), deleted: e.deleted, tenantId: e.tenantId }));
	}

	rawDeliveries(): DeliveryRecord[] {
		return [...this.deliveries.values()].map((d) => ({
			id: d.id,
			tenantId: d.tenantId,
			endpointId: d.endpointId,
			eventId: d.eventId,
			eventType: d.eventType,
			url: d.url,
			attempts: d.attempts.map((a) => ({ ...a })),
			state: d.status,
			createdAt: d.createdAt,
		}));
	}

	/** Sends one hand-made delivery (well, badly or not signed) to any URL; for trigger tests. */
	async sendDelivery(opts: SendDeliveryOptions): Promise<{ status: number; body: string }> {
		const secret = opts.secret ?? 'whsec_sandbox_default_secret';
		const event = (opts.event as WebhookEvent | undefined) ?? {
			id: `evt_${randomBytes(12).toString('hex')}`,
			type: 'contact.created',
			created_at: iso(),
			tenant_id: 1,
			data: {
				id: 1,
				firstName: 'Maria',
				lastName: 'Garcia',
				companyName: 'Summit Concrete LLC',
				email: 'maria.garcia@summitconcrete.example.com',
				phone: null,
				type: 'customer',
				createdAt: iso(),
				updatedAt: iso(),
			},
		};
		const rawBody = opts.rawBody ?? JSON.stringify(event);
		const mode = opts.signature ?? 'valid';
		const now = Math.floor(Date.now() / 1000);
		let header: string | undefined;
		switch (mode) {
			case 'valid':
				header = `t=${now},v1=${signV1(secret, now, rawBody)}`;
				break;
			case 'bad':
				header = `t=${now},v1=${signV1(`${secret}_wrong`, now, rawBody)}`;
				break;
			case 'stale':
				header = `t=${now - 600},v1=${signV1(secret, now - 600, rawBody)}`;
				break;
			case 'future':
				header = `t=${now + 600},v1=${signV1(secret, now + 600, rawBody)}`;
				break;
			case 'malformed':
				header = 'this-is-not-a-signature';
				break;
			case 'none':
				header = undefined;
				break;
		}
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': USER_AGENT,
			'BuildWorkPro-Event': String((event as { type?: unknown }).type ?? 'contact.created'),
			'BuildWorkPro-Event-Id': String((event as { id?: unknown }).id ?? ''),
			'BuildWorkPro-Delivery-Id': String(this.nextDeliveryId++),
		};
		if (header !== undefined) headers[opts.headerName ?? SIGNATURE_HEADER] = header;
		const controller = new AbortController();
		this.inFlight.add(controller);
		const timeout = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
		try {
			const response = await request(opts.url, {
				method: 'POST',
				headers,
				body: rawBody,
				dispatcher: this.agent,
				signal: controller.signal,
			});
			return { status: response.statusCode, body: await response.body.text() };
		} finally {
			clearTimeout(timeout);
			this.inFlight.delete(controller);
		}
	}

	reset(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const c of this.inFlight) c.abort(new Error('reset'));
		this.endpoints.clear();
		this.deliveries.clear();
		this.deliveryIdsByTenant.clear();
	}

	async close(): Promise<void> {
		this.closed = true;
		this.reset();
		await this.agent.destroy();
	}
}
