/**
 * Products (the catalogue): CRUD, soft delete and restore, duplicate, usage, the lists and the
 * synchronous bulk delete/restore, through n8n-core's engine against the sandbox.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/products');

/** A product made through the API; the request log is cleared afterwards. */
async function product(
	body: Record<string, unknown> = {},
): Promise<{ id: number; sku: string; name: string }> {
	const created = await api('POST', '/products', { name: 'Drywall sheet 4x8', ...body });
	env.sandbox.clearRequestLog();
	return created;
}

describe('Product: CRUD', () => {
	it('Create sends the name and only the fields added, and outputs the new product', async () => {
		const result = await runResource(env.sandbox, 'product', {
			operation: 'create',
			name: 'Copper pipe 1/2 in',
			additionalFields: {
				sku: 'CP-12',
				costPrice: '3.10',
				unit: 'ft',
				isKit: false,
				categoryId: 0,
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				name: 'Copper pipe 1/2 in',
				sku: 'CP-12',
				costPrice: '3.10',
				unit: 'ft',
				categoryId: null,
			}),
		]);
		const post = apiRequests(env.sandbox, 'POST').at(-1);
		expect(post?.path).toBe('/api/v1/products');
		expect(post?.body).toEqual({
			name: 'Copper pipe 1/2 in',
			sku: 'CP-12',
			costPrice: '3.10',
			unit: 'ft',
			isKit: false,
			categoryId: null,
		});
	});

	it('Create with a price that is not a decimal number is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'product', {
			operation: 'create',
			name: 'Shingles',
			additionalFields: { sellPrice: 'twelve' },
		});

		// The field by its API name or by its label in the node, depending on how the error is worded.
		expect(result.error?.message).toMatch(/^Sell Price \S/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get, Update and Delete work by Product ID; afterwards Get finds nothing (404)', async () => {
		const p = await product({ description: 'Half-inch gypsum board' });

		const got = await runResource(env.sandbox, 'product', {
			operation: 'get',
			productId: String(p.id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({
				id: p.id,
				name: 'Drywall sheet 4x8',
				description: 'Half-inch gypsum board',
			}),
		]);

		const updated = await runResource(env.sandbox, 'product', {
			operation: 'update',
			productId: String(p.id),
			updateFields: { sellPrice: '14.75', isActive: false, description: '' },
		});
		expect(updated.json).toEqual([
			expect.objectContaining({ id: p.id, sellPrice: '14.75', isActive: false, description: null }),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			sellPrice: '14.75',
			isActive: false,
			description: null,
		});

		const deleted = await runResource(env.sandbox, 'product', {
			operation: 'delete',
			productId: String(p.id),
		});
		expect(deleted.json).toEqual([{ id: p.id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'product', {
			operation: 'get',
			productId: String(p.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it('a Product ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'product', {
			operation: 'getUsage',
			productId: 'SKU-00001',
		});

		expect(result.error?.message).toBe(
			'Product ID must be a positive whole number, but it is "SKU-00001"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Product: Restore, Duplicate, Get Usage', () => {
	it('Restore brings a deleted product back: Get finds it again', async () => {
		const p = await product();
		await api('DELETE', `/products/${p.id}`);

		const restored = await runResource(env.sandbox, 'product', {
			operation: 'restore',
			productId: String(p.id),
		});

		expect(restored.error).toBeUndefined();
		expect(restored.json).toEqual([
			expect.objectContaining({ id: p.id, name: 'Drywall sheet 4x8' }),
		]);
		expect(apiRequests(env.sandbox, 'POST')[0].path).toBe(`/api/v1/products/${p.id}/restore`);
		const got = await runResource(env.sandbox, 'product', {
			operation: 'get',
			productId: String(p.id),
		});
		expect(got.json).toEqual([expect.objectContaining({ id: p.id })]);
	});

	it('Restore of a product that never existed reports the 404', async () => {
		const result = await runResource(env.sandbox, 'product', {
			operation: 'restore',
			productId: '999999',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
	});

	it('Duplicate outputs a new product with its own ID and SKU', async () => {
		const p = await product({ sellPrice: '14.75' });

		const copy = await runResource(env.sandbox, 'product', {
			operation: 'duplicate',
			productId: String(p.id),
		});

		expect(copy.error).toBeUndefined();
		expect(copy.json).toHaveLength(1);
		expect(copy.json[0]).toMatchObject({ name: 'Drywall sheet 4x8', sellPrice: '14.75' });
		expect(copy.json[0].id).not.toBe(p.id);
		expect(copy.json[0].sku).not.toBe(p.sku);
	});

	it('Get Usage outputs how many bids and kits use the product', async () => {
		const p = await product();
		const kit = await product({ name: 'Wall kit', isKit: true });
		await api('POST', `/products/${kit.id}/kit-items`, { tenantId: 1, componentProductId: p.id });
		const bid = await api('POST', '/bids', { name: 'Office build-out' });
		await api('POST', `/bids/${bid.id}/line-items`, {
			description: 'Drywall',
			productId: p.id,
			unitPrice: '14.75',
		});
		env.sandbox.clearRequestLog();

		const usage = await runResource(env.sandbox, 'product', {
			operation: 'getUsage',
			productId: String(p.id),
		});

		expect(usage.error).toBeUndefined();
		expect(usage.json).toEqual([{ bidsCount: 1, kitsCount: 1 }]);
		expect(apiRequests(env.sandbox)).toEqual([
			expect.objectContaining({ method: 'GET', path: `/api/v1/products/${p.id}/usage` }),
		]);
	});
});

describe('Product: Get Many (cursor pages), Count, Get by IDs', () => {
	it('Return All follows the cursor over several pages, one item per product; Count agrees', async () => {
		env.sandbox.seedFamily('products', 205);

		const all = await runResource(env.sandbox, 'product', { operation: 'getAll', returnAll: true });

		expect(all.error).toBeUndefined();
		expect(new Set(all.json.map((p) => p.id)).size).toBe(205);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);

		const count = await runResource(env.sandbox, 'product', { operation: 'count' });
		expect(count.json).toEqual([{ total: 205 }]);
	});

	it('Limit asks for no more than it needs', async () => {
		env.sandbox.seedFamily('products', 40);

		const some = await runResource(env.sandbox, 'product', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it('filters by type, kit and active flags; Count takes its filters', async () => {
		const labour = await product({ name: 'Framing labor', type: 'labor', isActive: false });
		await product({ name: 'Stud', type: 'material' });
		const kit = await product({ name: 'Wall kit', isKit: true });

		const inactiveLabour = await runResource(env.sandbox, 'product', {
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'labor', isActive: 'all' },
		});
		expect(inactiveLabour.json.map((p) => p.id)).toEqual([labour.id]);
		expect(listPages()[0].query).toMatchObject({ type: 'labor', isActive: 'all' });

		const kits = await runResource(env.sandbox, 'product', {
			operation: 'getAll',
			returnAll: true,
			filters: { isKit: 'true' },
		});
		expect(kits.json.map((p) => p.id)).toEqual([kit.id]);

		const active = await runResource(env.sandbox, 'product', {
			operation: 'count',
			filters: { isActive: 'true' },
		});
		expect(active.json).toEqual([{ total: 2 }]);
		expect(apiRequests(env.sandbox, 'GET').at(-1)).toMatchObject({
			path: '/api/v1/products/count',
			query: { isActive: 'true' },
		});
	});

	it('Get by IDs outputs one item per product found', async () => {
		const a = await product();
		const b = await product({ name: 'Stud' });

		const result = await runResource(env.sandbox, 'product', {
			operation: 'getByIds',
			ids: `${a.id}, ${b.id}, 999999`,
		});

		expect(result.json.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/products/get-many',
			body: { ids: [a.id, b.id, 999999] },
		});
	});
});

describe('Product: Bulk Delete and Bulk Restore', () => {
	it('Bulk Delete deletes the listed products in one request and outputs the count; Bulk Restore brings them back', async () => {
		const a = await product();
		const b = await product({ name: 'Stud' });
		const kept = await product({ name: 'Shingles' });

		const deleted = await runResource(env.sandbox, 'product', {
			operation: 'bulkDelete',
			ids: `${a.id}; ${b.id} ${a.id}`,
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.json).toEqual([{ deletedCount: 2 }]);
		expect(apiRequests(env.sandbox, 'POST')).toEqual([
			expect.objectContaining({
				path: '/api/v1/products/bulk-delete',
				body: { ids: [a.id, b.id] },
			}),
		]);
		expect((await api('GET', '/products?isActive=all')).map((p: { id: number }) => p.id)).toEqual([
			kept.id,
		]);

		const restored = await runResource(env.sandbox, 'product', {
			operation: 'bulkRestore',
			ids: [a.id, b.id],
		});
		expect(restored.json).toEqual([{ restoredCount: 2 }]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/products/bulk-restore',
			body: { ids: [a.id, b.id] },
		});
		expect(await api('GET', '/products/count')).toEqual({ total: 3 });
	});

	it('an ID list with something that is not an ID, or more than 500 IDs, is refused before anything is sent', async () => {
		const bad = await runResource(env.sandbox, 'product', {
			operation: 'bulkDelete',
			ids: '12, SKU-7',
		});
		expect(bad.error?.message).toBe('IDs must be positive whole numbers, but the list has "SKU-7"');

		const tooMany = await runResource(env.sandbox, 'product', {
			operation: 'bulkRestore',
			ids: Array.from({ length: 501 }, (_, i) => i + 1).join(','),
		});
		expect(tooMany.error?.message).toBe('IDs has 501 IDs; BuildWorkPro takes at most 500 at once');

		const empty = await runResource(env.sandbox, 'product', {
			operation: 'bulkDelete',
			ids: ' , ',
		});
		expect(empty.error?.message).toBe('IDs is empty: there is nothing to change');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('500 IDs go in one request', async () => {
		const ids = Array.from({ length: 500 }, (_, i) => i + 1);

		const result = await runResource(env.sandbox, 'product', {
			operation: 'bulkDelete',
			ids: ids.join(', '),
		});

		expect(result.json).toEqual([{ deletedCount: 0 }]);
		expect(apiRequests(env.sandbox, 'POST')).toEqual([expect.objectContaining({ body: { ids } })]);
	});
});
