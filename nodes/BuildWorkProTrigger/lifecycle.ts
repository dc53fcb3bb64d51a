import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { problemOf, type ApiAnswer, type ErrorWording } from '../shared/errors';
import { requestBuildWorkPro, type CallPolicy } from '../shared/transport/request';
import { ACTIVATION_POLICY } from './policy';

/** What we keep about one registered endpoint (the secret is shown by BuildWorkPro only once). */
export interface StoredEndpoint {
	endpointId: number | string;
	signingSecret: string;
	url: string;
	events: string[];
}

/**
 * Static data is keyed by webhook URL: n8n runs the same node with its production URL when the
 * workflow is published and with its test URL while "Listen for test event" is on, and the one
 * must never clean up the other's endpoint.
 */
interface TriggerStaticData extends IDataObject {
	endpoints?: IDataObject;
}

interface RemoteEndpoint {
	id: number | string;
	url: string;
	eventTypes: string[];
	isActive: boolean;
}

const MAX_DESCRIPTION_LENGTH = 2000;
/** The list is documented as unpaginated (max 200); follow a cursor anyway, but never loop. */
const MAX_LIST_PAGES = 10;

interface ApiResponse {
	statusCode: number;
	body: IDataObject;
}

/**
 * One webhook-endpoint call through the shared transport, with the activation policy (plus
 * whatever the call changes in it). `path` is relative to the credential's Base URL.
 */
async function callApi(
	context: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; policy?: CallPolicy } = {},
): Promise<ApiResponse> {
	const answer = await requestBuildWorkPro(context, {
		method,
		url: path,
		body: options.body,
		headers: { Accept: 'application/json' },
		timeout: 30_000,
		policy: { ...ACTIVATION_POLICY, ...options.policy },
	});
	return { statusCode: answer.statusCode, body: problemOf(answer) as IDataObject };
}

export function storedEndpoints(staticData: IDataObject): Record<string, StoredEndpoint> {
	const data = staticData as TriggerStaticData;
	if (
		typeof data.endpoints !== 'object' ||
		data.endpoints === null ||
		Array.isArray(data.endpoints)
	) {
		data.endpoints = {};
	}
	return data.endpoints as unknown as Record<string, StoredEndpoint>;
}

/** Every secret we hold: a delivery is genuine when it is signed with one of them. */
export function storedSigningSecrets(staticData: IDataObject): string[] {
	const data = staticData as TriggerStaticData;
	if (typeof data.endpoints !== 'object' || data.endpoints === null) return [];
	return Object.values(data.endpoints as Record<string, Partial<StoredEndpoint>>)
		.map((endpoint) => endpoint?.signingSecret)
		.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	}
	return url;
}

export function normalizeEvents(events: unknown): string[] {
	const list = Array.isArray(events)
		? events.filter((event): event is string => typeof event === 'string')
		: [];
	return [...new Set(list)].sort();
}

function selectedEventsOf(context: IHookFunctions): string[] {
	return normalizeEvents(context.getNodeParameter('events', []));
}

function sameEvents(a: string[], b: string[]): boolean {
	const left = normalizeEvents(a);
	const right = normalizeEvents(b);
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

/** Tolerates harmless spelling differences a server might introduce (host case, default port). */
export function sameUrl(a: string, b: string): boolean {
	if (a === b) return true;
	try {
		return new URL(a).href === new URL(b).href;
	} catch {
		return false;
	}
}

function toRemoteEndpoint(value: unknown): RemoteEndpoint | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as IDataObject;
	if (
		(typeof record.id !== 'number' && typeof record.id !== 'string') ||
		typeof record.url !== 'string'
	) {
		return undefined;
	}
	return {
		id: record.id,
		url: record.url,
		eventTypes: normalizeEvents(record.eventTypes),
		// Liberal: an endpoint that does not say otherwise is taken as active.
		isActive: record.isActive !== false,
	};
}

function describeWorkflow(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	const name = workflow.name ? `"${workflow.name}"` : 'without a name';
	const id = workflow.id ? ` (id ${workflow.id})` : '';
	const text = `n8n workflow ${name}${id}, node "${context.getNode().name}"`;
	return text.length > MAX_DESCRIPTION_LENGTH
		? `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…`
		: text;
}

async function getEndpoint(
	context: IHookFunctions,
	id: number | string,
): Promise<RemoteEndpoint | undefined> {
	const response = await callApi(
		context,
		'GET',
		`/webhook-endpoints/${encodeURIComponent(String(id))}`,
		{
			policy: { acceptStatuses: [404] },
		},
	);
	if (response.statusCode === 404) return undefined;
	return toRemoteEndpoint(response.body.data);
}

async function listEndpointsAt(context: IHookFunctions, url: string): Promise<RemoteEndpoint[]> {
	const found: RemoteEndpoint[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
		const response = await callApi(context, 'GET', `/webhook-endpoints${query}`);
		const data = Array.isArray(response.body.data) ? response.body.data : [];
		for (const item of data) {
			const endpoint = toRemoteEndpoint(item);
			if (endpoint && sameUrl(endpoint.url, url)) found.push(endpoint);
		}
		const pagination = (response.body.meta as IDataObject | undefined)?.pagination as
			| IDataObject
			| undefined;
		if (
			pagination?.has_more !== true ||
			typeof pagination.cursor !== 'string' ||
			pagination.cursor === cursor
		)
			break;
		cursor = pagination.cursor;
	}
	return found;
}

/** DELETE; a 404 means someone removed it already, which is what we wanted. */
async function deleteRemoteEndpoint(context: IHookFunctions, id: number | string): Promise<void> {
	await callApi(context, 'DELETE', `/webhook-endpoints/${encodeURIComponent(String(id))}`, {
		policy: { acceptStatuses: [404] },
	});
}

/**
 * n8n asks this on every publish and every start: true only when the endpoint we registered
 * still exists, is active and has this node's URL and events. Anything stale is deleted here,
 * so that the create() n8n runs when we answer false leaves exactly one endpoint behind.
 */
export async function checkEndpointExists(context: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(context);
	const events = selectedEventsOf(context);
	const endpoints = storedEndpoints(context.getWorkflowStaticData('node'));
	const stored = endpoints[url];

	let keptId: number | string | undefined;
	if (stored) {
		const remote = await getEndpoint(context, stored.endpointId);
		if (
			remote &&
			remote.isActive &&
			sameUrl(remote.url, url) &&
			sameEvents(remote.eventTypes, events) &&
			stored.signingSecret
		) {
			keptId = stored.endpointId;
		} else {
			// Deleted remotely, auto-disabled after failed deliveries, or the node's events changed.
			if (remote) await deleteRemoteEndpoint(context, stored.endpointId);
			delete endpoints[url];
		}
	}

	// Anything else at our URL is an orphan: left by lost static data, or by a create whose
	// answer never reached us. The URL embeds this node's webhook id, so it can only be ours.
	const others = (await listEndpointsAt(context, url)).filter(
		(endpoint) => String(endpoint.id) !== String(stored?.endpointId),
	);

	if (keptId === undefined) {
		// Static data lost but a matching endpoint is still registered. Its secret cannot be read
		// back, so we rotate it and adopt the endpoint instead of deleting it: BuildWorkPro keeps
		// the endpoint's pending retries and delivery history, and exactly one endpoint remains.
		const adoptable = others.find(
			(endpoint) => endpoint.isActive && sameEvents(endpoint.eventTypes, events),
		);
		if (adoptable) {
			const rotated = await callApi(
				context,
				'POST',
				`/webhook-endpoints/${encodeURIComponent(String(adoptable.id))}/rotate-secret`,
				{ policy: { acceptStatuses: [404] } },
			);
			const secret = (rotated.body.data as IDataObject | undefined)?.signingSecret;
			if (typeof secret === 'string' && secret) {
				endpoints[url] = { endpointId: adoptable.id, signingSecret: secret, url, events };
				keptId = adoptable.id;
			}
		}
	}

	for (const endpoint of others) {
		if (String(endpoint.id) !== String(keptId)) await deleteRemoteEndpoint(context, endpoint.id);
	}
	return keptId !== undefined;
}

/** True when BuildWorkPro's 422 is about the URL rather than, say, the event list. */
function isUrlRejection(body: IDataObject, url: string): boolean {
	const fieldErrors = Array.isArray(body.errors) ? (body.errors as IDataObject[]) : [];
	const fields = fieldErrors.map((error) => String(error.field ?? '')).filter(Boolean);
	if (fields.length > 0) return fields.some((field) => field === 'url' || field.startsWith('url'));
	const text = `${String(body.detail ?? '')} ${String(body.title ?? '')}`;
	return /url|https|address|ssrf/i.test(text) || !isPublicHttpsUrl(url);
}

/** A rough local check, only used to word an error: BuildWorkPro itself decides. */
export function isPublicHttpsUrl(url: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.protocol !== 'https:') return false;
	const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host.endsWith('.internal')
	) {
		return false;
	}
	if (
		/^(127\.|10\.|192\.168\.|169\.254\.|0\.)/.test(host) ||
		/^172\.(1[6-9]|2\d|3[01])\./.test(host)
	)
		return false;
	if (host === '::1' || /^(fc|fd|fe80)[0-9a-f]*:/.test(host)) return false;
	return true;
}

/** Words for a registration BuildWorkPro refused because of the address; other failures keep the policy's. */
function describeRegistrationError(
	url: string,
	answer: ApiAnswer,
	facts: { retryAfterMs?: number },
): ErrorWording | undefined {
	if (answer.statusCode === 422 && isUrlRejection(problemOf(answer) as IDataObject, url)) {
		return {
			message: `BuildWorkPro refused the webhook address ${url}: it needs a public HTTPS address`,
			description:
				"BuildWorkPro only delivers to public https:// addresses. Set n8n's N8N_WEBHOOK_URL environment variable " +
				'(WEBHOOK_URL on n8n 1.x) to the public HTTPS address of this n8n instance (for example ' +
				'https://n8n.example.com/), restart n8n and publish the workflow again.',
		};
	}
	return ACTIVATION_POLICY.describeError?.(answer, facts);
}

/** Registers one endpoint for this node's URL and events, and keeps its secret. */
export async function createEndpoint(context: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(context);
	const events = selectedEventsOf(context);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Select at least one event to listen for', {
			description: 'BuildWorkPro needs at least one event type to register a webhook.',
		});
	}

	const response = await callApi(context, 'POST', '/webhook-endpoints', {
		body: { url, eventTypes: events, description: describeWorkflow(context) },
		policy: { describeError: (failed, facts) => describeRegistrationError(url, failed, facts) },
	});
	const created = (response.body.data ?? {}) as IDataObject;
	const id = created.id;
	const secret = created.signingSecret;
	if ((typeof id !== 'number' && typeof id !== 'string') || typeof secret !== 'string' || !secret) {
		// Without the secret no delivery could ever be verified: do not leave the endpoint behind.
		if (typeof id === 'number' || typeof id === 'string') await deleteRemoteEndpoint(context, id);
		throw new NodeApiError(context.getNode(), response.body as JsonObject, {
			message: 'BuildWorkPro registered the webhook but did not return its id and signing secret',
		});
	}
	storedEndpoints(context.getWorkflowStaticData('node'))[url] = {
		endpointId: id,
		signingSecret: secret,
		url,
		events,
	};
	return true;
}

/** Unregisters this node's endpoint (404 = already gone) and forgets its secret. */
export async function deleteEndpoint(context: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(context);
	const endpoints = storedEndpoints(context.getWorkflowStaticData('node'));
	const stored = endpoints[url];
	if (stored) {
		await deleteRemoteEndpoint(context, stored.endpointId);
	} else {
		// Static data was lost: whatever is registered at our URL is ours and would be orphaned.
		for (const endpoint of await listEndpointsAt(context, url)) {
			await deleteRemoteEndpoint(context, endpoint.id);
		}
	}
	delete endpoints[url];
	return true;
}
