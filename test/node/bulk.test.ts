/**
 * Bulk Delete / Bulk Restore (POST /<family>/bulk), through n8n-core's engine against the
 * sandbox: the IDs of every input item, in jobs of at most 500, one output item per job.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();
const api = sandboxApi(env);

beforeEach(() => {
	env.sandbox.reset();
	env.sandbox.setJobs({ durationMs: 0, outcome: 'auto' });
	env.sandbox.clearRequestLog();
	env.sandbox.clearStorageLog();
});

const bulkPosts = (path = '/api/v1/contacts/bulk') =>
	apiRequests(env.sandbox, 'POST').filter((entry) => entry.path === path);
const liveContactIds = () => new Set(env.sandbox.contacts().map((contact) => contact.id));

/** One input item per contact ID, as a Get Many before the node would hand them on. */
function itemsFor(ids: number[]): IDataObject[] {
	return ids.map((id) => ({ id }));
}

async function seededContactIds(count: number): Promise<number[]> {
	env.sandbox.seed(count);
	env.sandbox.clearRequestLog();
	return env.sandbox.contacts().map((contact) => contact.id);
}

describe('Contact → Bulk Delete', () => {
	it('over 1,200 input items makes 3 jobs (500, 500, 200 IDs), one output item per job, and deletes every contact', async () => {
		const ids = (await seededContactIds(1_250)).slice(0, 1_200);

		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.id }}' },
			{ input: itemsFor(ids) },
		);

		expect(result.error).toBeUndefined();
		expect(bulkPosts().map((entry) => (entry.body as { ids: number[] }).ids.length)).toEqual([
			500, 500, 200,
		]);
		expect(bulkPosts().flatMap((entry) => (entry.body as { ids: number[] }).ids)).toEqual(ids);
		expect(bulkPosts().map((entry) => (entry.body as IDataObject).operation)).toEqual([
			'delete',
			'delete',
			'delete',
		]);
		expect(result.json).toHaveLength(3);
		expect(result.json).toEqual([
			expect.objectContaining({
				type: 'bulk',
				status: 'succeeded',
				result: { operation: 'delete', total: 500, succeeded: 500, failed: 0 },
				rowErrors: [],
			}),
			expect.objectContaining({
				status: 'succeeded',
				result: expect.objectContaining({ total: 500 }),
			}),
			expect.objectContaining({
				status: 'succeeded',
				result: expect.objectContaining({ total: 200 }),
			}),
		]);
		const live = liveContactIds();
		expect(ids.filter((id) => live.has(id))).toEqual([]);
		expect(live.size).toBe(50);
	});

	it('each job has its own Idempotency-Key, and each output item is paired with the input items of its IDs', async () => {
		const ids = await seededContactIds(600);

		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.id }}' },
			{ input: itemsFor(ids) },
		);

		const keys = bulkPosts().map(keyOf);
		expect(new Set(keys).size).toBe(2);
		expect(result.items.map((item) => (item.pairedItem as Array<{ item: number }>).length)).toEqual(
			[500, 100],
		);
		expect((result.items[1].pairedItem as Array<{ item: number }>)[0]).toEqual({ item: 500 });
	});

	it('takes comma-separated lists per item, and sends an ID given twice once', async () => {
		const [a, b, c] = await seededContactIds(3);

		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.ids }}' },
			{ input: [{ ids: `${a}, ${b}` }, { ids: `${b};${c}` }] },
		);

		expect(result.error).toBeUndefined();
		expect(bulkPosts().map((entry) => entry.body)).toEqual([
			{ operation: 'delete', ids: [a, b, c] },
		]);
		expect(result.json).toHaveLength(1);
		expect(liveContactIds().size).toBe(0);
	});

	it('IDs that do not exist make a partial job: an error naming the job and the IDs that failed', async () => {
		const [a] = await seededContactIds(1);

		const result = await runResource(env.sandbox, 'contact', {
			operation: 'bulkDelete',
			contactIds: `${a}, 999999`,
		});

		expect(result.error?.message).toMatch(
			/^BuildWorkPro job job_\w+ \(bulk delete of 2 contacts \(job 1 of 1\)\) finished only partially: 1 of 2 ids failed/,
		);
		expect(result.error?.description).toMatch(/Row errors:\nRow 2: /);
		expect(liveContactIds().has(a)).toBe(false);
		// The row errors came from the signed errors URL, fetched without the API key.
		const storage = env.sandbox.storageLog();
		expect(storage.map((entry) => entry.method)).toEqual(['GET']);
		expect(
			storage.every(
				(entry) =>
					!entry.authorization && !entry.credential && !entry.headerNames.includes('authorization'),
			),
		).toBe(true);
	});

	it('under Continue On Fail a partial job is an error item with the job and its row errors, the other jobs are output as usual', async () => {
		const ids = await seededContactIds(501);
		const input = itemsFor([...ids, 999999]);

		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.id }}' },
			{ input, settings: { onError: 'continueRegularOutput' } },
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				status: 'succeeded',
				result: expect.objectContaining({ succeeded: 500 }),
			}),
			{
				error: expect.stringMatching(/finished only partially/),
				details: expect.objectContaining({
					status: 'partial',
					rowErrors: [expect.objectContaining({ row: '2', id: '999999', code: 'not_found' })],
				}),
			},
		]);
	});

	it('without Wait for Completion outputs each job ID and status URL at once', async () => {
		env.sandbox.setJobs({ durationMs: 60_000 });
		const ids = await seededContactIds(700);

		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.id }}', waitForCompletion: false },
			{ input: itemsFor(ids) },
		);

		expect(result.json).toEqual([
			{
				jobId: expect.stringMatching(/^job_/),
				statusUrl: expect.stringMatching(/\/jobs\/job_/),
				operation: 'delete',
				ids: ids.slice(0, 500),
			},
			{
				jobId: expect.stringMatching(/^job_/),
				statusUrl: expect.stringMatching(/\/jobs\/job_/),
				operation: 'delete',
				ids: ids.slice(500),
			},
		]);
		expect(apiRequests(env.sandbox, 'GET')).toEqual([]);
	});

	it('an ID that is no number is refused before anything is sent, naming the item', async () => {
		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.id }}' },
			{ input: [{ id: 4 }, { id: 'abc' }] },
		);

		expect(result.error?.message).toBe(
			'Contact IDs must be positive whole numbers, but item 2 has "abc"',
		);
		expect(apiRequests(env.sandbox)).toEqual([]);
	});

	it('no IDs at all is refused before anything is sent', async () => {
		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkDelete', contactIds: '={{ $json.id }}' },
			{ input: [{}, {}] },
		);

		expect(result.error?.message).toBe(
			'Contact IDs is empty for every item: there is nothing to change',
		);
		expect(apiRequests(env.sandbox)).toEqual([]);
	});
});

describe('Bulk Restore', () => {
	it('Contact → Bulk Restore brings deleted contacts back', async () => {
		const ids = await seededContactIds(3);
		for (const id of ids) await api('DELETE', `/contacts/${id}`);
		expect(liveContactIds().size).toBe(0);

		const result = await runResource(
			env.sandbox,
			'contact',
			{ operation: 'bulkRestore', contactIds: '={{ $json.id }}' },
			{ input: itemsFor(ids) },
		);

		expect(result.error).toBeUndefined();
		expect(bulkPosts().at(-1)?.body).toEqual({ operation: 'restore', ids });
		expect(result.json).toEqual([
			expect.objectContaining({
				status: 'succeeded',
				result: { operation: 'restore', total: 3, succeeded: 3, failed: 0 },
			}),
		]);
		expect([...liveContactIds()].sort()).toEqual([...ids].sort());
	});
});

describe('Bulk jobs of the other families', () => {
	/** Statuses in which BuildWorkPro lets a record of the family be deleted (others are refused per ID). */
	const DELETABLE: Record<string, string[] | undefined> = {
		bids: ['draft', 'sent', 'rejected', 'expired', 'cancelled'],
		'pay-apps': ['draft'],
		'change-orders': ['draft'],
	};

	it.each([
		['lead', 'leadIds', 'leads'],
		['project', 'projectIds', 'projects'],
		['bid', 'bidIds', 'bids'],
		['payApp', 'payAppIds', 'pay-apps'],
		['changeOrder', 'changeOrderIds', 'change-orders'],
	])(
		'%s → Bulk Delete then Bulk Restore send %s to /%s/bulk',
		async (resource, parameter, family) => {
			env.sandbox.seedFamily(family, 30);
			const records = (await api('GET', `/${family}?limit=100`)) as Array<{
				id: number;
				status?: string;
			}>;
			const allowed = DELETABLE[family];
			const ids = records
				.filter((record) => !allowed || allowed.includes(String(record.status)))
				.map((record) => record.id);
			expect(ids.length).toBeGreaterThan(0);
			const others = records.length - ids.length;
			env.sandbox.clearRequestLog();

			const deleted = await runResource(
				env.sandbox,
				resource,
				{ operation: 'bulkDelete', [parameter]: '={{ $json.id }}' },
				{ input: itemsFor(ids) },
			);
			expect(deleted.error).toBeUndefined();
			expect(deleted.json).toEqual([
				expect.objectContaining({
					status: 'succeeded',
					result: expect.objectContaining({ operation: 'delete', succeeded: ids.length }),
				}),
			]);
			expect(((await api('GET', `/${family}?limit=100`)) as unknown[]).length).toBe(others);

			const restored = await runResource(
				env.sandbox,
				resource,
				{ operation: 'bulkRestore', [parameter]: '={{ $json.id }}' },
				{ input: itemsFor(ids) },
			);
			expect(restored.error).toBeUndefined();
			expect(((await api('GET', `/${family}?limit=100`)) as unknown[]).length).toBe(records.length);
			expect(
				bulkPosts(`/api/v1/${family}/bulk`).map((entry) => (entry.body as IDataObject).operation),
			).toEqual(['delete', 'restore']);
		},
	);

	it.each([
		['siteLog', 'siteLogIds', 'site-logs'],
		['timeEntry', 'timeEntryIds', 'time-entries'],
	])('%s → Bulk Delete sends %s to /%s/bulk', async (resource, parameter, family) => {
		const result = await runResource(env.sandbox, resource, {
			operation: 'bulkDelete',
			[parameter]: '424242',
		});

		// Nothing of that ID: the job fails, and the node says so with BuildWorkPro's explanation.
		expect(bulkPosts(`/api/v1/${family}/bulk`).map((entry) => entry.body)).toEqual([
			{ operation: 'delete', ids: [424242] },
		]);
		expect(result.error?.message).toMatch(/failed: All 1 ids failed/);
	});
});
