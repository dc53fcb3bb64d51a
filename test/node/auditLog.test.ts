/**
 * Audit Log: the account's API requests as BuildWorkPro recorded them, listed through n8n-core's
 * engine against the sandbox (which records every authenticated call it answers).
 */
import { DEFAULT_KEYS, type SandboxKey } from '../../sandbox';
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const AUDITOR: SandboxKey = {
	token: 'bwp_test_auditor',
	name: 'Auditor',
	scopes: ['audit:read'],
	tenantId: 1,
};
const env = useSandbox({ keys: [...DEFAULT_KEYS, AUDITOR] });

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);
const auditPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/api-audit-logs');
/** Lists the audit log as the auditor, whose own requests are easy to tell apart. */
const getAll = (parameters: Record<string, unknown>) =>
	runResource(
		env.sandbox,
		'auditLog',
		{ operation: 'getAll', ...parameters },
		{ apiKey: AUDITOR.token },
	);

async function requests(count: number) {
	for (let i = 0; i < count; i++) await api('GET', '/me');
	env.sandbox.clearRequestLog();
}

describe('Audit Log: Get Many', () => {
	it('Return All follows the cursor over several pages, one item per request made', async () => {
		await requests(130);

		const all = await getAll({ returnAll: true });

		expect(all.error).toBeUndefined();
		expect(all.json).toHaveLength(130);
		expect(new Set(all.json.map((entry) => entry.id)).size).toBe(130);
		expect(all.json[0]).toEqual(
			expect.objectContaining({
				method: 'GET',
				path: '/api/v1/me',
				status: 200,
				tenantId: 1,
				requestId: expect.stringMatching(/^req_/),
			}),
		);
		expect(auditPages().map((page) => page.query.limit)).toEqual(['100', '100']);
		expect(auditPages()[1].query.cursor).toEqual(expect.any(String));
	});

	it('Limit asks for no more than it needs', async () => {
		await requests(30);

		const some = await getAll({ returnAll: false, limit: 12 });

		expect(some.json).toHaveLength(12);
		expect(auditPages().map((page) => page.query)).toEqual([{ limit: '12' }]);
	});

	it('filters by method, status code, API key ID and time, sent as query parameters', async () => {
		const me = (await api('GET', '/me')) as { keyId: number };
		await api('POST', '/contacts', { type: 'customer', firstName: 'Ann' });
		await api('POST', '/contacts', { firstName: 'No type' }).catch(() => undefined); // 422
		env.sandbox.clearRequestLog();

		const failedPosts = await getAll({
			returnAll: true,
			filters: { method: 'POST', status: 422, apiKeyId: me.keyId, dateFrom: '2020-01-01' },
		});

		expect(failedPosts.error).toBeUndefined();
		expect(failedPosts.json).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/v1/contacts',
				status: 422,
				errorCode: 'validation_failed',
				apiKeyId: me.keyId,
			}),
		]);
		expect(auditPages()[0].query).toEqual({
			limit: '100',
			method: 'POST',
			status: '422',
			apiKeyId: String(me.keyId),
			dateFrom: '2020-01-01T00:00:00.000Z',
		});

		const later = await getAll({
			returnAll: true,
			filters: { dateFrom: new Date(Date.now() + 60_000).toISOString() },
		});
		expect(later.json).toEqual([]);
	});

	it("shows only the requests of the key's own account", async () => {
		await requests(3);

		const other = await runResource(
			env.sandbox,
			'auditLog',
			{ operation: 'getAll', returnAll: true },
			{ apiKey: env.sandbox.keys.otherTenant },
		);

		expect(other.json).toEqual([]);
	});

	it('with a key lacking audit:read, the error names the missing scope and the 403', async () => {
		const result = await runResource(
			env.sandbox,
			'auditLog',
			{ operation: 'getAll', returnAll: true },
			{ apiKey: env.sandbox.keys.readOnly },
		);

		expect(`${result.error?.message} ${result.error?.description}`).toContain('audit:read');
		expect(result.error?.description).toContain('HTTP status: 403');
	});
});
