/**
 * The account's own views in the sandbox: settings (branding, data retention) and the API audit
 * log, which records the tenant's real API calls. Every answer is checked against openapi.json.
 */
import { ACCOUNT_ROUTES } from '../../sandbox/routes/account';
import { DEFAULT_KEYS, type Sandbox, type SandboxKey } from '../../sandbox';
import { Client, openapi, withSandbox } from './helpers';

const AUDITOR: SandboxKey = {
	token: 'bwp_test_auditor',
	name: 'Auditor',
	scopes: ['audit:read'],
	tenantId: 1,
};
const KEYS = [...DEFAULT_KEYS, AUDITOR];
/** The key IDs the sandbox gives (GET /me's keyId): their position in the list, from 1. */
const keyIdOf = (token: string) => KEYS.findIndex((key) => key.token === token) + 1;

let sandbox: Sandbox;
let client: Client;
beforeAll(async () => {
	({ sandbox, client } = await withSandbox({ rateLimit: { enabled: false }, keys: KEYS }));
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function auditLog(
	query: Record<string, string | number> = {},
	key = AUDITOR.token,
): Promise<Json[]> {
	const res = await client.checked('GET', '/api-audit-logs', '/api-audit-logs', { query, key });
	expect(res.status).toBe(200);
	return res.body.data;
}

describe('sandbox settings', () => {
	it("answers the tenant's branding and data retention", async () => {
		const branding = await client.checked('GET', '/settings/branding', '/settings/branding');
		expect(branding.status).toBe(200);
		expect(branding.body.data).toEqual({
			id: 1,
			tenantId: 1,
			companyName: 'Summit Contracting LLC',
			primaryColor: '#1F4E79',
			accentColor: '#F59E0B',
			hasLogo: true,
		});
		const retention = await client.checked(
			'GET',
			'/settings/data-retention',
			'/settings/data-retention',
		);
		expect(retention.status).toBe(200);
		expect(Object.keys(retention.body.data).sort()).toEqual(
			Object.keys(
				openapi?.components.schemas.DataRetentionSettings.properties ?? retention.body.data,
			).sort(),
		);
	});

	it('keeps tenants apart', async () => {
		const other = await client.checked('GET', '/settings/branding', '/settings/branding', {
			key: sandbox.keys.otherTenant,
		});
		expect(other.body.data).toMatchObject({ tenantId: 2, companyName: 'Harbor Drywall Inc.' });
	});

	it('needs users:read', async () => {
		for (const path of ['/settings/branding', '/settings/data-retention']) {
			const denied = await client.checked('GET', path, path, { key: sandbox.keys.readOnly });
			expect(denied.status).toBe(403);
			expect(denied.body).toMatchObject({
				code: 'scope_insufficient',
				detail: expect.stringContaining('users:read'),
			});
		}
	});
});

describe('sandbox API audit log', () => {
	it('records each authenticated request: key, method, path, status, request ID, error code', async () => {
		await client.call('POST', '/contacts', { body: { type: 'customer', firstName: 'Ann' } });
		const missing = await client.call('GET', '/contacts/999999');
		await client.call('GET', '/contacts', { key: 'bwp_not_a_key' });

		const entries = await auditLog();

		expect(entries.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
			'GET /api/v1/contacts/999999 404',
			'POST /api/v1/contacts 201',
		]);
		expect(entries[0]).toMatchObject({
			tenantId: 1,
			apiKeyId: keyIdOf(sandbox.keys.full),
			oauthTokenId: null,
			userId: null,
			requestId: missing.headers.get('x-request-id'),
			errorCode: 'not_found',
			ip: expect.stringMatching(/127\.0\.0\.1/),
		});
		expect(entries[1].errorCode).toBeNull();
		expect(Number.isInteger(entries[0].durationMs)).toBe(true);
		const me = await client.call('GET', '/me');
		expect(me.body.data.keyId).toBe(entries[0].apiKeyId);
	});

	it("lists the log's own earlier requests, newest first, and only the caller's tenant", async () => {
		await client.call('GET', '/me');
		await client.call('GET', '/me', { key: sandbox.keys.otherTenant });
		await auditLog();

		const entries = await auditLog();

		expect(entries.map((entry) => entry.path)).toEqual(['/api/v1/api-audit-logs', '/api/v1/me']);
		expect(entries.every((entry) => entry.tenantId === 1)).toBe(true);
		const other = await auditLog({}, sandbox.keys.otherTenant);
		expect(other.map((entry) => entry.path)).toEqual(['/api/v1/me']);
	});

	it('pages with a cursor', async () => {
		for (let i = 0; i < 5; i++) await client.call('GET', '/me');
		const first = await client.checked('GET', '/api-audit-logs', '/api-audit-logs', {
			key: AUDITOR.token,
			query: { limit: 3 },
		});
		expect(first.body.meta.pagination).toMatchObject({
			has_more: true,
			count: 3,
			cursor: expect.any(String),
		});
		const second = await client.checked('GET', '/api-audit-logs', '/api-audit-logs', {
			key: AUDITOR.token,
			query: { limit: 3, cursor: first.body.meta.pagination.cursor },
		});
		expect(second.body.meta.pagination).toMatchObject({ has_more: false, count: 2, cursor: null });
		const ids = [...first.body.data, ...second.body.data].map((entry: Json) => entry.id);
		expect(new Set(ids).size).toBe(5);
		const tampered = await client.checked('GET', '/api-audit-logs', '/api-audit-logs', {
			key: AUDITOR.token,
			query: { limit: 3, cursor: `${first.body.meta.pagination.cursor}x` },
		});
		expect(tampered.status).toBe(400);
	});

	it('filters by API key ID, method, status and date range', async () => {
		await client.call('GET', '/me');
		await client.call('POST', '/contacts', { body: { firstName: 'No type' } });
		await client.call('GET', '/me', { key: sandbox.keys.readOnly });
		const fullKey = keyIdOf(sandbox.keys.full);

		expect((await auditLog({ apiKeyId: fullKey })).map((e) => e.path)).toEqual([
			'/api/v1/contacts',
			'/api/v1/me',
		]);
		expect((await auditLog({ method: 'POST' })).map((e) => e.status)).toEqual([422]);
		expect((await auditLog({ method: 'post' })).map((e) => e.status)).toEqual([422]);
		expect((await auditLog({ status: 422 })).map((e) => e.errorCode)).toEqual([
			'validation_failed',
		]);
		const future = new Date(Date.now() + 3_600_000).toISOString();
		expect(await auditLog({ dateFrom: future })).toEqual([]);
		expect(
			(await auditLog({ dateTo: future, apiKeyId: keyIdOf(sandbox.keys.readOnly) })).map(
				(e) => e.path,
			),
		).toEqual(['/api/v1/me']);
	});

	it.each([
		[{ apiKeyId: 'abc' }],
		[{ status: 'teapot' }],
		[{ dateFrom: 'yesterday' }],
		[{ limit: 0 }],
	])('refuses %j with 400', async (query) => {
		const res = await client.checked('GET', '/api-audit-logs', '/api-audit-logs', {
			key: AUDITOR.token,
			query,
		});
		expect(res.status).toBe(400);
	});

	it('needs audit:read', async () => {
		const denied = await client.checked('GET', '/api-audit-logs', '/api-audit-logs', {
			key: sandbox.keys.readOnly,
		});
		expect(denied.status).toBe(403);
		expect(denied.body.detail).toContain('audit:read');
	});

	it('forgets everything on reset', async () => {
		await client.call('GET', '/me');
		sandbox.reset();
		expect(await auditLog()).toEqual([]);
	});
});

describe('sandbox account operations match openapi.json', () => {
	(openapi ? it : it.skip)('require the scopes and cost openapi.json names', () => {
		for (const op of ACCOUNT_ROUTES) {
			const documented = openapi.paths[op.path][op.method.toLowerCase()];
			const scopes = documented.security.flatMap((s: Record<string, string[]>) =>
				Object.values(s).flat(),
			);
			expect({ op: `${op.method} ${op.path}`, scopes: op.scopes, cost: op.cost }).toEqual({
				op: `${op.method} ${op.path}`,
				scopes,
				cost: documented['x-rate-limit-cost'],
			});
		}
	});
});
