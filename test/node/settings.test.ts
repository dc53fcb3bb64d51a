/**
 * Settings: the account's branding and data retention, read through n8n-core's engine against
 * the sandbox. Neither takes an ID or a body: what can go wrong is a key without users:read.
 */
import { apiRequests, runResource, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

describe('Settings', () => {
	it("Get Branding outputs one item with the account's company name, colours and logo flag", async () => {
		const result = await runResource(env.sandbox, 'settings', { operation: 'getBranding' });

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				id: 1,
				tenantId: 1,
				companyName: 'Summit Contracting LLC',
				primaryColor: '#1F4E79',
				accentColor: '#F59E0B',
				hasLogo: true,
			},
		]);
		expect(apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /api/v1/settings/branding',
		]);
	});

	it('Get Data Retention outputs one item with the retention period of each kind of data', async () => {
		const result = await runResource(env.sandbox, 'settings', { operation: 'getDataRetention' });

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				auditLogRetentionDays: 90,
				activityLogRetentionDays: 365,
				notificationRetentionDays: 30,
				deletedRecordsRetentionDays: 30,
				exportRetentionDays: 7,
			},
		]);
		expect(apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /api/v1/settings/data-retention',
		]);
	});

	it("reads the settings of the key's own account", async () => {
		const result = await runResource(
			env.sandbox,
			'settings',
			{ operation: 'getBranding' },
			{ apiKey: env.sandbox.keys.otherTenant },
		);

		expect(result.json).toEqual([
			expect.objectContaining({ tenantId: 2, companyName: 'Harbor Drywall Inc.' }),
		]);
	});

	it('with a key lacking users:read, the error names the missing scope and the 403', async () => {
		const result = await runResource(
			env.sandbox,
			'settings',
			{ operation: 'getDataRetention' },
			{ apiKey: env.sandbox.keys.readOnly },
		);

		expect(result.json).toEqual([]);
		expect(`${result.error?.message} ${result.error?.description}`).toContain('users:read');
		expect(result.error?.description).toContain('Code: scope_insufficient');
		expect(result.error?.description).toContain('HTTP status: 403');
	});
});
