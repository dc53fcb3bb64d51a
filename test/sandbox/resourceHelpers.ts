/** Shared setup of the resource-family specs: a sandbox without rate limits and small creators. */
import { DEFAULT_KEYS, type Sandbox, type SandboxKey } from '../../sandbox';
import { Client, withSandbox, type ApiResponse } from './helpers';

/** Keys with one or two scopes, for the scope checks. */
export const LIMITED_KEYS: SandboxKey[] = [
	{ token: 'bwp_test_bids_read', name: 'Bids read-only', scopes: ['bids:read'], tenantId: 1 },
	{
		token: 'bwp_test_leads_write',
		name: 'Leads writer',
		scopes: ['leads:read', 'leads:write'],
		tenantId: 1,
	},
	{
		token: 'bwp_test_pay_apps_write',
		name: 'Pay apps clerk',
		scopes: ['pay_apps:read', 'pay_apps:write'],
		tenantId: 1,
	},
];

export interface Setup {
	sandbox: Sandbox;
	client: Client;
}

export async function setupResources(): Promise<Setup> {
	return withSandbox({ rateLimit: { enabled: false }, keys: [...DEFAULT_KEYS, ...LIMITED_KEYS] });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** POSTs and expects 201 (the answer is validated against openapi.json by the client). */
export async function created(client: Client, path: string, body: unknown): Promise<Json> {
	const res = await client.call('POST', path, { body });
	if (res.status !== 201) throw new Error(`POST ${path} → ${res.status}: ${res.text}`);
	return res.body.data;
}

export async function okData(res: Promise<ApiResponse> | ApiResponse, status = 200): Promise<Json> {
	const r = await res;
	if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
	return r.body?.data;
}

/** Asserts a 409 conflict whose detail matches. */
export async function expectConflict(
	res: Promise<ApiResponse> | ApiResponse,
	detail: RegExp | string,
): Promise<void> {
	const r = await res;
	expect(r.status).toBe(409);
	expect(r.body.code).toBe('conflict');
	expect(r.body.detail).toMatch(detail);
}

/** Asserts a 422 naming these fields with these codes. */
export async function expectInvalid(
	res: Promise<ApiResponse> | ApiResponse,
	fields: Record<string, string>,
): Promise<void> {
	const r = await res;
	expect(r.status).toBe(422);
	expect(r.body.code).toBe('validation_failed');
	for (const [field, code] of Object.entries(fields))
		expect(r.body.errors).toContainEqual({ field, code, message: expect.any(String) });
}

export const project = (client: Client, body: Record<string, unknown> = {}) =>
	created(client, '/projects', { name: 'Riverside Office Build-Out', ...body });
export const bid = (client: Client, body: Record<string, unknown> = {}) =>
	created(client, '/bids', { name: 'Kitchen remodel', ...body });
export const lineItem = (client: Client, bidId: number, body: Record<string, unknown> = {}) =>
	created(client, `/bids/${bidId}/line-items`, {
		description: 'Cabinets',
		quantity: '2',
		unitPrice: '500.00',
		...body,
	});

/** Collects every item of a cursor-paginated list. */
export async function listAll(
	client: Client,
	path: string,
	query: Record<string, string | number> = {},
): Promise<Json[]> {
	const items: Json[] = [];
	let cursor: string | undefined;
	for (let guard = 0; guard < 1000; guard++) {
		const res = await client.call('GET', path, { query: { ...query, cursor } });
		expect(res.status).toBe(200);
		items.push(...res.body.data);
		expect(res.body.meta.pagination.count).toBe(res.body.data.length);
		if (!res.body.meta.pagination.has_more) {
			expect(res.body.meta.pagination.cursor).toBeNull();
			return items;
		}
		cursor = res.body.meta.pagination.cursor;
	}
	throw new Error('pagination did not end');
}
