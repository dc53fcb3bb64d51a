/**
 * Project templates: what a user gets out of each operation and what BuildWorkPro is asked,
 * through n8n-core's engine against the sandbox.
 */
import { DEFAULT_KEYS } from '../../sandbox';
import { apiRequests, runResource, sandboxApi, serializedError, useSandbox } from './support';

const SETTINGS_READER = {
	token: 'bwp_test_settings_read',
	name: 'Settings reader',
	scopes: ['settings:read'],
	tenantId: 1,
};

const env = useSandbox({ keys: [...DEFAULT_KEYS, SETTINGS_READER] });

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/project-templates');

/** A template made through the API; the request log is cleared afterwards. */
async function template(body: Record<string, unknown> = {}): Promise<{ id: number }> {
	const created = (await api('POST', '/project-templates', {
		name: 'Kitchen remodel',
		...body,
	})) as { id: number };
	env.sandbox.clearRequestLog();
	return created;
}

describe('Project Template: Create, Get, Update, Delete', () => {
	it('Create sends the name and only the fields added, and outputs the template', async () => {
		const result = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'create',
			name: 'Tenant improvement',
			additionalFields: {
				description: 'Demo, framing, MEP rough-in, finishes',
				projectType: 'commercial',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				name: 'Tenant improvement',
				description: 'Demo, framing, MEP rough-in, finishes',
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/project-templates');
		expect(post.body).toEqual({
			name: 'Tenant improvement',
			description: 'Demo, framing, MEP rough-in, finishes',
			projectType: 'commercial',
		});
	});

	it('Create with a name longer than 255 characters is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'create',
			name: 'x'.repeat(256),
		});

		expect(result.error?.message).toMatch(/^Name\b.*\b255\b/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get, Update and Delete work by Project Template ID; an emptied description becomes null; afterwards Get finds nothing', async () => {
		const t = await template({ description: 'Cabinets and counters' });

		const got = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'get',
			projectTemplateId: String(t.id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({
				id: t.id,
				name: 'Kitchen remodel',
				description: 'Cabinets and counters',
			}),
		]);

		const updated = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'update',
			projectTemplateId: String(t.id),
			updateFields: { name: 'Kitchen remodel (large)', description: '' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({ id: t.id, name: 'Kitchen remodel (large)', description: null }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			name: 'Kitchen remodel (large)',
			description: null,
		});

		const deleted = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'delete',
			projectTemplateId: String(t.id),
		});
		expect(deleted.json).toEqual([{ id: t.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'get',
			projectTemplateId: String(t.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
		expect(gone.error?.description).toContain('Code: not_found');
	});

	it('Delete with a key that may only read settings is refused, and the error names the scope it needs', async () => {
		const t = await template();

		const result = await runResource(
			env.sandbox,
			'projectTemplate',
			{ operation: 'delete', projectTemplateId: String(t.id) },
			{ apiKey: SETTINGS_READER.token },
		);

		expect(result.error?.description).toContain('HTTP status: 403');
		expect(serializedError(result)).toContain('settings:write');
		expect(await api('GET', `/project-templates/${t.id}`)).toMatchObject({ id: t.id });
	});
});

describe('Project Template: Get Many (cursor pages)', () => {
	it('Return All follows the cursor over several pages, one item per template', async () => {
		env.sandbox.seedFamily('project-templates', 205);

		const all = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'getAll',
			returnAll: true,
		});

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((t) => t.id)).size).toBe(205);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('project-templates', 40);

		const some = await runResource(env.sandbox, 'projectTemplate', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});
});
