import type { Sandbox } from '../../sandbox';
import type { Client } from './helpers';
import * as make from './resourceHelpers';
import { created, expectInvalid, listAll, okData, setupResources } from './resourceHelpers';

describe('sandbox products and kit items', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());
	const product = (body: Record<string, unknown> = {}) =>
		created(client, '/products', { name: 'Drywall sheet 4x8', ...body });
	const kitItem = (kitId: number, componentProductId: number, body: Record<string, unknown> = {}) =>
		created(client, `/products/${kitId}/kit-items`, { tenantId: 1, componentProductId, ...body });

	describe('products', () => {
		it('CRUD with defaults (generated SKU, material, active) and 422 on a missing or too long name', async () => {
			const p = await product({
				costPrice: '9.40',
				sellPrice: 14.75,
				unit: 'sheet',
				sellTaxPercent: '8.25',
			});
			expect(p).toMatchObject({
				sku: expect.stringMatching(/^SKU-\d{5}$/),
				type: 'material',
				isKit: false,
				isActive: true,
				costPrice: '9.40',
				sellPrice: '14.75',
				unit: 'sheet',
				categoryId: null,
				sellTaxPercent: '8.25',
			});
			await expectInvalid(client.call('POST', '/products', { body: {} }), { name: 'required' });
			await expectInvalid(
				client.call('POST', '/products', { body: { name: 'x'.repeat(256), isKit: 'yes' } }),
				{ name: 'too_long', isKit: 'invalid_type' },
			);
			const patched = await okData(
				client.call('PATCH', `/products/${p.id}`, {
					body: { sku: 'DW-4812', isActive: false, description: null },
				}),
			);
			expect(patched).toMatchObject({ sku: 'DW-4812', isActive: false, description: null });
			// The answer's sku is a string: clearing it gives the product a generated one again.
			expect(
				(await okData(client.call('PATCH', `/products/${p.id}`, { body: { sku: null } }))).sku,
			).toBe(p.sku);
			expect((await client.call('DELETE', `/products/${p.id}`)).status).toBe(204);
			expect((await client.call('GET', `/products/${p.id}`)).status).toBe(404);
			expect(
				(await client.call('PATCH', `/products/${p.id}`, { body: { name: 'x' } })).status,
			).toBe(404);
		});

		it('filters by type, category, kit and active flags (true, false or all), search and counts', async () => {
			const a = await product({ name: 'Framing labor', type: 'labor', categoryId: 3 });
			const b = await product({ name: 'Stud kit', isKit: true, manufacturerId: 7 });
			const c = await product({ name: 'Old shingles', isActive: false });
			const ids = async (query: Record<string, string>) =>
				(await listAll(client, '/products', query)).map((x) => x.id);
			expect(await ids({ type: 'labor' })).toEqual([a.id]);
			expect(await ids({ categoryId: '3' })).toEqual([a.id]);
			expect(await ids({ manufacturerId: '7' })).toEqual([b.id]);
			expect(await ids({ isKit: 'true' })).toEqual([b.id]);
			expect(await ids({ isActive: 'false' })).toEqual([c.id]);
			expect(await ids({ isActive: 'all' })).toEqual([a.id, b.id, c.id]);
			expect(await ids({ search: 'shingle' })).toEqual([c.id]);
			expect((await client.call('GET', '/products', { query: { isKit: 'maybe' } })).status).toBe(
				400,
			);
			expect(
				await okData(client.call('GET', '/products/count', { query: { isActive: 'true' } })),
			).toEqual({ total: 2 });
			const many = await client.call('POST', '/products/get-many', {
				body: { ids: [c.id, 999, a.id] },
			});
			expect(many.body.data.map((x: { id: number }) => x.id)).toEqual([c.id, a.id]);
			expect(many.body.meta).toMatchObject({ requested: 3, returned: 2 });
		});

		it('pages the list with cursors', async () => {
			sandbox.seedFamily('products', 60);
			const first = await client.call('GET', '/products', { query: { limit: 25 } });
			expect(first.body.meta.pagination).toMatchObject({
				count: 25,
				has_more: true,
				cursor: expect.any(String),
			});
			expect(await listAll(client, '/products', { limit: 25 })).toHaveLength(60);
		});

		it('restore brings a deleted product back (in order among the others); unknown ids are a 404', async () => {
			const a = await product({ name: 'A' });
			const b = await product({ name: 'B' });
			const c = await product({ name: 'C' });
			await client.call('DELETE', `/products/${b.id}`);
			const restored = await okData(client.call('POST', `/products/${b.id}/restore`));
			expect(restored).toMatchObject({ id: b.id, name: 'B' });
			expect((await listAll(client, '/products', { limit: 1 })).map((x) => x.id)).toEqual([
				a.id,
				b.id,
				c.id,
			]);
			expect((await okData(client.call('POST', `/products/${b.id}/restore`))).id).toBe(b.id);
			expect((await client.call('POST', '/products/999/restore')).status).toBe(404);
		});

		it('bulk delete and bulk restore count the products they changed; 422 on an empty or oversized list', async () => {
			const a = await product();
			const b = await product();
			expect(
				await okData(
					client.call('POST', '/products/bulk-delete', { body: { ids: [a.id, b.id, 999, a.id] } }),
				),
			).toEqual({ deletedCount: 2 });
			expect(await okData(client.call('GET', '/products/count'))).toEqual({ total: 0 });
			expect(
				await okData(client.call('POST', '/products/bulk-delete', { body: { ids: [a.id] } })),
			).toEqual({ deletedCount: 0 });
			expect(
				await okData(
					client.call('POST', '/products/bulk-restore', { body: { ids: [a.id, b.id, 999] } }),
				),
			).toEqual({ restoredCount: 2 });
			expect(await okData(client.call('GET', '/products/count'))).toEqual({ total: 2 });
			await expectInvalid(client.call('POST', '/products/bulk-delete', { body: { ids: [] } }), {
				ids: 'invalid_length',
			});
			await expectInvalid(
				client.call('POST', '/products/bulk-restore', {
					body: { ids: Array.from({ length: 501 }, (_, i) => i + 1) },
				}),
				{ ids: 'invalid_length' },
			);
			await expectInvalid(client.call('POST', '/products/bulk-delete', { body: {} }), {
				ids: 'required',
			});
		});

		it('duplicate: a new product with a new SKU and copies of the kit items', async () => {
			const component = await product({ name: 'Stud' });
			const kit = await product({ name: 'Wall kit', isKit: true, sellPrice: '120.00' });
			await kitItem(kit.id, component.id, { defaultQuantity: '12' });
			const copy = await created(client, `/products/${kit.id}/duplicate`, undefined);
			expect(copy).toMatchObject({ name: 'Wall kit', isKit: true, sellPrice: '120.00' });
			expect(copy.id).not.toBe(kit.id);
			expect(copy.sku).not.toBe(kit.sku);
			expect(await okData(client.call('GET', `/products/${copy.id}/kit-items`))).toEqual([
				expect.objectContaining({
					kitProductId: copy.id,
					componentProductId: component.id,
					defaultQuantity: '12',
				}),
			]);
			expect((await client.call('POST', '/products/999/duplicate')).status).toBe(404);
		});

		it('usage counts the bids and kits that use the product', async () => {
			const component = await product();
			const kit = await product({ isKit: true });
			await kitItem(kit.id, component.id);
			const bid = await make.bid(client);
			await make.lineItem(client, bid.id, { productId: component.id });
			await make.lineItem(client, bid.id, { productId: component.id });
			expect(await okData(client.call('GET', `/products/${component.id}/usage`))).toEqual({
				bidsCount: 1,
				kitsCount: 1,
			});
			expect(await okData(client.call('GET', `/products/${kit.id}/usage`))).toEqual({
				bidsCount: 0,
				kitsCount: 0,
			});
			expect((await client.call('GET', '/products/999/usage')).status).toBe(404);
		});

		it('restore and the bulk operations need products:delete', async () => {
			const key = sandbox.keys.readOnly;
			const res = await client.call('POST', '/products/bulk-restore', { body: { ids: [1] }, key });
			expect(res.status).toBe(403);
			expect(res.body).toMatchObject({
				code: 'scope_insufficient',
				required_scope: 'products:delete',
			});
		});
	});

	describe('kit items', () => {
		it('adds, lists in sort order, updates and removes kit items', async () => {
			const kit = await product({ name: 'Bathroom rough-in kit', isKit: true });
			const pipe = await product({ name: 'Copper pipe' });
			const valve = await product({ name: 'Shut-off valve' });
			const first = await kitItem(kit.id, pipe.id, {
				defaultQuantity: '10.5',
				overrideCostPrice: '3.10',
			});
			expect(first).toEqual({
				id: expect.any(Number),
				kitProductId: kit.id,
				componentProductId: pipe.id,
				defaultQuantity: '10.5',
				overrideCostPrice: '3.10',
				sortOrder: 1,
			});
			const second = await kitItem(kit.id, valve.id);
			expect(second).toMatchObject({ defaultQuantity: '1', overrideCostPrice: null, sortOrder: 2 });
			const list = await client.call('GET', `/products/${kit.id}/kit-items`);
			expect(list.body.data.map((i: { id: number }) => i.id)).toEqual([first.id, second.id]);
			expect(list.body.meta.pagination).toBeUndefined();
			const patched = await okData(
				client.call('PATCH', `/products/${kit.id}/kit-items/${second.id}`, {
					body: { defaultQuantity: '2', overrideCostPrice: null },
				}),
			);
			expect(patched).toMatchObject({
				id: second.id,
				defaultQuantity: '2',
				overrideCostPrice: null,
			});
			expect(
				(await client.call('DELETE', `/products/${kit.id}/kit-items/${first.id}`)).status,
			).toBe(204);
			expect(
				(await client.call('DELETE', `/products/${kit.id}/kit-items/${first.id}`)).status,
			).toBe(404);
			expect(
				(
					await client.call('PATCH', `/products/${kit.id}/kit-items/${first.id}`, {
						body: { defaultQuantity: '1' },
					})
				).status,
			).toBe(404);
			expect(
				(await okData(client.call('GET', `/products/${kit.id}/kit-items`))).map(
					(i: { id: number }) => i.id,
				),
			).toEqual([second.id]);
		});

		it('422 without tenantId or componentProductId, for a component that does not exist, or for the kit itself', async () => {
			const kit = await product({ isKit: true });
			await expectInvalid(client.call('POST', `/products/${kit.id}/kit-items`, { body: {} }), {
				tenantId: 'required',
				componentProductId: 'required',
			});
			await expectInvalid(
				client.call('POST', `/products/${kit.id}/kit-items`, {
					body: { tenantId: 1, componentProductId: 999 },
				}),
				{ componentProductId: 'not_found' },
			);
			await expectInvalid(
				client.call('POST', `/products/${kit.id}/kit-items`, {
					body: { tenantId: 1, componentProductId: kit.id },
				}),
				{ componentProductId: 'invalid_value' },
			);
			await expectInvalid(
				client.call('POST', `/products/${kit.id}/kit-items`, {
					body: { tenantId: 1, componentProductId: kit.id, defaultQuantity: 'two' },
				}),
				{ defaultQuantity: 'invalid_format' },
			);
			expect(
				(
					await client.call('POST', '/products/999/kit-items', {
						body: { tenantId: 1, componentProductId: kit.id },
					})
				).status,
			).toBe(404);
			expect((await client.call('GET', '/products/999/kit-items')).status).toBe(404);
		});

		it('reorder (PUT) sets the sort order from orderedIds, which must list every kit item once', async () => {
			const kit = await product({ isKit: true });
			const [a, b, c] = [await product(), await product(), await product()];
			const items = [
				await kitItem(kit.id, a.id),
				await kitItem(kit.id, b.id),
				await kitItem(kit.id, c.id),
			];
			const order = [items[2].id, items[0].id, items[1].id];
			const reordered = await okData(
				client.call('PUT', `/products/${kit.id}/kit-items/reorder`, {
					body: { orderedIds: order },
				}),
			);
			expect(reordered.map((i: { id: number; sortOrder: number }) => [i.id, i.sortOrder])).toEqual([
				[order[0], 1],
				[order[1], 2],
				[order[2], 3],
			]);
			expect(
				(await okData(client.call('GET', `/products/${kit.id}/kit-items`))).map(
					(i: { id: number }) => i.id,
				),
			).toEqual(order);
			await expectInvalid(
				client.call('PUT', `/products/${kit.id}/kit-items/reorder`, {
					body: { orderedIds: [items[0].id] },
				}),
				{ orderedIds: 'invalid_value' },
			);
			await expectInvalid(
				client.call('PUT', `/products/${kit.id}/kit-items/reorder`, { body: { orderedIds: 'x' } }),
				{ orderedIds: 'invalid_type' },
			);
			await expectInvalid(
				client.call('PUT', `/products/${kit.id}/kit-items/reorder`, { body: {} }),
				{ orderedIds: 'required' },
			);
			expect(
				(await client.call('PUT', '/products/999/kit-items/reorder', { body: { orderedIds: [] } }))
					.status,
			).toBe(404);
		});
	});
});
