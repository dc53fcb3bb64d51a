/**
 * Leads, lead stages and users: what a user gets out of each operation and what BuildWorkPro is
 * asked, through n8n-core's engine against the sandbox.
 */
import { apiRequests, runResource, sandboxApi, serializedError, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

async function firstStage(): Promise<{ id: number; name: string }> {
	const stages = (await api('GET', '/lead-stages')) as Array<{ id: number; name: string }>;
	return stages[0];
}

describe('Lead', () => {
	it('Create sends name and stage as numbers and only the fields added, and outputs the lead', async () => {
		const stage = await firstStage();
		const result = await runResource(env.sandbox, 'lead', {
			operation: 'create',
			name: 'Warehouse roof',
			stageId: String(stage.id),
			additionalFields: { source: 'Website form', probability: 40, projectType: 'commercial' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				name: 'Warehouse roof',
				stageId: stage.id,
				source: 'Website form',
			}),
		]);
		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/leads');
		expect(post.body).toEqual({
			name: 'Warehouse roof',
			stageId: stage.id,
			source: 'Website form',
			probability: 40,
			projectType: 'commercial',
		});
	});

	it('a probability over 100 is refused by BuildWorkPro with the field named', async () => {
		const stage = await firstStage();
		const result = await runResource(env.sandbox, 'lead', {
			operation: 'create',
			name: 'Roof',
			stageId: String(stage.id),
			additionalFields: { probability: 150 },
		});

		expect(result.error?.message).toMatch(/^Probability \(%\) must be at most 100\b/);
		expect(serializedError(result)).toContain('422');
	});

	it('Get, Update and Delete work by Lead ID; afterwards Get finds nothing', async () => {
		const stage = await firstStage();
		const lead = await api('POST', '/leads', { name: 'Deck', stageId: stage.id });

		const got = await runResource(env.sandbox, 'lead', {
			operation: 'get',
			leadId: String(lead.id),
		});
		expect(got.json).toEqual([expect.objectContaining({ id: lead.id, name: 'Deck' })]);

		const updated = await runResource(env.sandbox, 'lead', {
			operation: 'update',
			leadId: String(lead.id),
			updateFields: { name: 'Deck and patio', siteCity: '' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({ id: lead.id, name: 'Deck and patio', siteCity: null }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			name: 'Deck and patio',
			siteCity: null,
		});

		const deleted = await runResource(env.sandbox, 'lead', {
			operation: 'delete',
			leadId: String(lead.id),
		});
		expect(deleted.json).toEqual([{ id: lead.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'lead', {
			operation: 'get',
			leadId: String(lead.id),
		});
		expect(gone.error?.message).toMatch(/not found|does not exist/i);
	});

	it('a Lead ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'lead', {
			operation: 'get',
			leadId: '12/../../contacts',
		});

		expect(result.error?.message).toBe(
			'Lead ID must be a positive whole number, but it is "12/../../contacts"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('Get Many pages through every lead with the chosen filters; Count agrees', async () => {
		const stage = await firstStage();
		for (let i = 0; i < 130; i++)
			await api('POST', '/leads', { name: `Lead ${i}`, stageId: stage.id });

		const all = await runResource(env.sandbox, 'lead', {
			operation: 'getAll',
			returnAll: true,
			filters: { stageId: String(stage.id) },
		});
		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((lead) => lead.id)).size).toBe(130);
		const pages = apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/leads');
		expect(pages).toHaveLength(2);
		expect(pages[0].query).toMatchObject({ stageId: String(stage.id), limit: '100' });

		const count = await runResource(env.sandbox, 'lead', {
			operation: 'count',
			filters: { stageId: String(stage.id) },
		});
		expect(count.json).toEqual([expect.objectContaining({ total: 130 })]);
	});

	it('Get Many with a Limit asks for no more than it needs', async () => {
		const stage = await firstStage();
		for (let i = 0; i < 30; i++)
			await api('POST', '/leads', { name: `Lead ${i}`, stageId: stage.id });

		const some = await runResource(env.sandbox, 'lead', {
			operation: 'getAll',
			returnAll: false,
			limit: 7,
		});
		expect(some.json).toHaveLength(7);
		const pages = apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/leads');
		expect(pages.map((entry) => entry.query.limit)).toEqual(['7']);
	});

	it('Get Summary outputs one item with the totals', async () => {
		const stage = await firstStage();
		await api('POST', '/leads', { name: 'A', stageId: stage.id, estimatedValue: '1000.00' });
		const summary = await runResource(env.sandbox, 'lead', { operation: 'getSummary' });
		expect(summary.error).toBeUndefined();
		expect(summary.json).toHaveLength(1);
		expect(summary.json[0]).toHaveProperty('totals');
	});

	it('Convert to Project makes a project once; converting again reads as BuildWorkPro explains it', async () => {
		const stage = await firstStage();
		const lead = await api('POST', '/leads', { name: 'Clinic', stageId: stage.id });

		const converted = await runResource(env.sandbox, 'lead', {
			operation: 'convert',
			leadId: String(lead.id),
		});
		expect(converted.error).toBeUndefined();
		expect(converted.json).toHaveLength(1);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.headers['idempotency-key']).toBeDefined();

		const again = await runResource(env.sandbox, 'lead', {
			operation: 'convert',
			leadId: String(lead.id),
		});
		expect(again.error).toBeDefined();
		expect(serializedError(again)).toContain('409');
		expect(again.error?.message).not.toMatch(/^409$/);
	});
});

describe('Lead Stage', () => {
	it('Create, Get Many, Update and Delete a stage of the pipeline', async () => {
		const created = await runResource(env.sandbox, 'leadStage', {
			operation: 'create',
			name: 'Site visit',
			additionalFields: { order: 3, isWon: false },
		});
		expect(created.error).toBeUndefined();
		const stage = created.json[0];
		expect(stage).toMatchObject({ name: 'Site visit' });

		const listed = await runResource(env.sandbox, 'leadStage', {
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.json.map((s) => s.id)).toContain(stage.id);
		expect(apiRequests(env.sandbox, 'GET').at(-1)?.query).toEqual({});

		const limited = await runResource(env.sandbox, 'leadStage', {
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(limited.json).toHaveLength(1);

		const updated = await runResource(env.sandbox, 'leadStage', {
			operation: 'update',
			leadStageId: String(stage.id),
			updateFields: { name: 'Site visit booked' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({ id: stage.id, name: 'Site visit booked' }),
		]);

		const deleted = await runResource(env.sandbox, 'leadStage', {
			operation: 'delete',
			leadStageId: String(stage.id),
		});
		expect(deleted.json).toEqual([{ id: stage.id, deleted: true }]);
	});
});

describe('User', () => {
	it('Get Many lists the account members; Get fetches one', async () => {
		const listed = await runResource(env.sandbox, 'user', { operation: 'getAll', returnAll: true });
		expect(listed.error).toBeUndefined();
		expect(listed.json.length).toBeGreaterThan(0);
		const [first] = listed.json;
		const got = await runResource(env.sandbox, 'user', {
			operation: 'get',
			userId: String(first.id),
		});
		expect(got.json).toEqual([expect.objectContaining({ id: first.id, username: first.username })]);
	});

	it('a key without users:read is refused, and the error names the missing scope', async () => {
		const result = await runResource(
			env.sandbox,
			'user',
			{ operation: 'getAll', returnAll: true },
			{ apiKey: env.sandbox.keys.readOnly },
		);
		expect(result.error).toBeDefined();
		expect(serializedError(result)).toContain('users:read');
	});
});

describe('ID filters', () => {
	it('an ID filter left at 0 filters nothing and is not sent', async () => {
		await api('POST', '/projects', { name: 'Dock' });
		const result = await runResource(env.sandbox, 'project', {
			operation: 'getAll',
			returnAll: true,
			filters: { contactId: 0 },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		expect(apiRequests(env.sandbox, 'GET').at(-1)?.query).not.toHaveProperty('contactId');
	});
});
