/**
 * Shared set-up for the trigger's lifecycle and delivery tests: a sandbox, a trigger harness
 * bound to it, and small independent helpers (signing, API calls) that do not reuse the code
 * under test.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { createTriggerHarness, type TriggerHarness } from '../harness';

export const CONTACT_EVENTS = ['contact.created', 'contact.updated', 'contact.deleted'];

/** Shaped like n8n's production URL: `<WEBHOOK_URL>webhook/<webhookId>/<path>`. */
export const PRODUCTION_URL =
	'https://n8n.example.com/webhook/2f0c9f4e-6a3b-4f7e-9a51-0d2c8e1b7a44/webhook';
/** The same node's test URL ("Listen for test event"). */
export const TEST_URL =
	'https://n8n.example.com/webhook-test/2f0c9f4e-6a3b-4f7e-9a51-0d2c8e1b7a44/webhook';

export interface HarnessOptions {
	parameters?: IDataObject;
	apiKey?: string;
	webhookUrl?: string;
	staticData?: IDataObject;
}

export function triggerFor(sandbox: Sandbox, options: HarnessOptions = {}): TriggerHarness {
	return createTriggerHarness({
		parameters: { authentication: 'apiKey', events: CONTACT_EVENTS, ...options.parameters },
		credentials: {
			buildWorkProApi: { apiKey: options.apiKey ?? sandbox.keys.full, baseUrl: sandbox.baseUrl },
		},
		webhookUrl: 'webhookUrl' in options ? options.webhookUrl : PRODUCTION_URL,
		workflowId: 'wf-1042',
		workflowName: 'Sync new contacts to accounting',
		staticData: options.staticData,
	});
}

/** Static data as n8n saves it to its database and loads it after a restart. */
export function persisted(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/** Endpoints not deleted, as the sandbox stores them (whatever our node believes). */
export function liveEndpoints(sandbox: Sandbox, url?: string) {
	return sandbox
		.webhookEndpoints()
		.filter((endpoint) => !endpoint.deleted && (url === undefined || endpoint.url === url));
}

/** A BuildWorkPro API call with the sandbox's full key, independent of the node's transport. */
export async function api(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; body: IDataObject }> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${sandbox.keys.full}`,
			Accept: 'application/json',
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as IDataObject) : {} };
}

/** The secret our node stored for a URL (static data is the node's only copy of it). */
export function storedSecret(staticData: IDataObject, url: string): string {
	const endpoints = staticData.endpoints as Record<string, { signingSecret: string }> | undefined;
	const secret = endpoints?.[url]?.signingSecret;
	if (!secret) throw new Error(`no signing secret stored for ${url}`);
	return secret;
}

export function storedEndpointId(
	staticData: IDataObject,
	url: string,
): number | string | undefined {
	const endpoints = staticData.endpoints as
		| Record<string, { endpointId: number | string }>
		| undefined;
	return endpoints?.[url]?.endpointId;
}

/** Headers and body of a delivery signed the documented way. */
export function signedDelivery(
	secret: string,
	event: IDataObject,
	timestamp = Math.floor(Date.now() / 1000),
) {
	const rawBody = JSON.stringify(event);
	const v1 = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
	return {
		headers: {
			'content-type': 'application/json',
			'buildworkpro-signature': `t=${timestamp},v1=${v1}`,
		},
		rawBody,
	};
}

export function contactEvent(
	type = 'contact.created',
	data: IDataObject = { id: 7, firstName: 'Ada' },
): IDataObject {
	return {
		id: `evt_${Math.random().toString(16).slice(2)}`,
		type,
		created_at: new Date().toISOString(),
		tenant_id: 1,
		data,
	};
}
