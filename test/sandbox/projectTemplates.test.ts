/**
 * Sandbox project templates: GET/POST /project-templates and GET/PATCH/DELETE
 * /project-templates/{id}, under the settings scopes, every answer checked against openapi.json.
 */
import { DEFAULT_KEYS, type Sandbox } from '../../sandbox';
import { withSandbox, type Client } from './helpers';
import { created, expectInvalid, listAll, okData } from './resourceHelpers';

const SETTINGS_READER = {
	token: 'bwp_test_settings_read',
	name: 'Settings reader',
	scopes: ['settings:read'],
	tenantId: 1,
};
const SETTINGS_WRITER = {
	token: 'bwp_test_settings_write',
	name: 'Settings writer',
	scopes: ['settings:write'],
	tenantId: 1,
};

describe('sandbox project templates', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			keys: [...DEFAULT_KEYS, SETTINGS_READER, SETTINGS_WRITER],
		}));
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());
	const template = (body: Record<string, unknown> = {}) =>
		created(client, '/project-templates', { name: 'Kitchen remodel', ...body });

	it('creates, gets, updates and deletes a template, answering id, name, description and timestamps', async () => {
		const t = await template({ projectType: 'residential', createdBy: 1 });
		expect(t).toEqual({
			id: expect.any(Number),
			name: 'Kitchen remodel',
			description: null,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
		expect(await okData(client.call('GET', `/project-templates/${t.id}`))).toEqual(t);
		const patched = await okData(
			client.call('PATCH', `/project-templates/${t.id}`, {
				body: { description: 'Demo, rough-in, finishes' },
			}),
		);
		expect(patched).toMatchObject({
			id: t.id,
			name: 'Kitchen remodel',
			description: 'Demo, rough-in, finishes',
		});
		expect((await client.call('DELETE', `/project-templates/${t.id}`)).status).toBe(204);
		expect((await client.call('GET', `/project-templates/${t.id}`)).status).toBe(404);
		expect(
			(await client.call('PATCH', `/project-templates/${t.id}`, { body: { name: 'x' } })).status,
		).toBe(404);
	});

	it('answers 422 for a missing or too long name and a too long project type', async () => {
		await expectInvalid(client.call('POST', '/project-templates', { body: { description: 'x' } }), {
			name: 'required',
		});
		await expectInvalid(
			client.call('POST', '/project-templates', {
				body: { name: 'x'.repeat(256), projectType: 'y'.repeat(51) },
			}),
			{ name: 'too_long', projectType: 'too_long' },
		);
		const t = await template();
		await expectInvalid(
			client.call('PATCH', `/project-templates/${t.id}`, { body: { name: null } }),
			{ name: 'invalid_type' },
		);
	});

	it('lists every template with a cursor', async () => {
		sandbox.seedFamily('project-templates', 27);
		const all = await listAll(client, '/project-templates', { limit: 10 });
		expect(new Set(all.map((t) => t.id)).size).toBe(27);
		expect((await client.call('GET', '/project-templates', { query: { limit: 101 } })).status).toBe(
			400,
		);
	});

	it('reads need settings:read; create, update and delete need settings:write', async () => {
		const t = await template();
		expect(
			(await client.call('GET', '/project-templates', { key: SETTINGS_READER.token })).status,
		).toBe(200);
		const refused = await client.call('DELETE', `/project-templates/${t.id}`, {
			key: SETTINGS_READER.token,
		});
		expect(refused.body).toMatchObject({
			status: 403,
			code: 'scope_insufficient',
			required_scope: 'settings:write',
		});
		expect(
			(await client.call('GET', `/project-templates/${t.id}`, { key: SETTINGS_WRITER.token })).body
				.required_scope,
		).toBe('settings:read');
		expect(
			(await client.call('DELETE', `/project-templates/${t.id}`, { key: SETTINGS_WRITER.token }))
				.status,
		).toBe(204);
	});
});
