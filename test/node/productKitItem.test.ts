/**
 * Product kit items (the components of a kit): add, list, update, remove and reorder, through
 * n8n-core's engine against the sandbox.
 */
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

interface KitItem {
	id: number;
	componentProductId: number;
}

/** A kit with `components` component products (each added once); the request log is cleared afterwards. */
async function kitWith(
	components: number,
): Promise<{ kitId: number; componentIds: number[]; items: KitItem[] }> {
	const kit = await api('POST', '/products', { name: 'Bathroom rough-in kit', isKit: true });
	const componentIds: number[] = [];
	const items: KitItem[] = [];
	for (let i = 0; i < components; i++) {
		const component = await api('POST', '/products', { name: `Component ${i + 1}` });
		componentIds.push(component.id);
		items.push(
			await api('POST', `/products/${kit.id}/kit-items`, {
				tenantId: 1,
				componentProductId: component.id,
			}),
		);
	}
	env.sandbox.clearRequestLog();
	return { kitId: kit.id, componentIds, items };
}

describe('Product Kit Item', () => {
	it("Create adds a component to the kit, with the credential's tenant ID read from GET /me", async () => {
		const { kitId } = await kitWith(0);
		const valve = await api('POST', '/products', { name: 'Shut-off valve' });
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'create',
			productId: String(kitId),
			componentProductId: valve.id,
			additionalFields: { defaultQuantity: '2', overrideCostPrice: '7.80' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				id: expect.any(Number),
				kitProductId: kitId,
				componentProductId: valve.id,
				defaultQuantity: '2',
				overrideCostPrice: '7.80',
				sortOrder: 1,
			},
		]);
		const requests = apiRequests(env.sandbox);
		expect(requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /api/v1/me',
			`POST /api/v1/products/${kitId}/kit-items`,
		]);
		expect(requests[1].body).toEqual({
			tenantId: 1,
			componentProductId: valve.id,
			defaultQuantity: '2',
			overrideCostPrice: '7.80',
		});
	});

	it("sends the tenant ID of the credential's own tenant", async () => {
		const kit = (
			await runResource(
				env.sandbox,
				'product',
				{ operation: 'create', name: 'Tenant 2 kit', additionalFields: { isKit: true } },
				{ apiKey: env.sandbox.keys.otherTenant },
			)
		).json[0];
		const component = (
			await runResource(
				env.sandbox,
				'product',
				{ operation: 'create', name: 'Tenant 2 stud' },
				{ apiKey: env.sandbox.keys.otherTenant },
			)
		).json[0];

		const result = await runResource(
			env.sandbox,
			'productKitItem',
			{ operation: 'create', productId: String(kit.id), componentProductId: Number(component.id) },
			{ apiKey: env.sandbox.keys.otherTenant },
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toMatchObject({ tenantId: 2 });
	});

	it('Create with a component product that does not exist is refused with the 422 explained', async () => {
		const { kitId } = await kitWith(0);

		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'create',
			productId: String(kitId),
			componentProductId: 999999,
		});

		expect(result.error?.message).toMatch(/^Component Product ID: Product 999999 does not exist/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Create is retried with the same Idempotency-Key when the answer is lost: the component is added once', async () => {
		const { kitId } = await kitWith(0);
		const stud = await api('POST', '/products', { name: 'Stud' });
		env.sandbox.clearRequestLog();
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: `/products/${kitId}/kit-items`,
			count: 1,
		});

		const result = await runResource(
			env.sandbox,
			'productKitItem',
			{
				operation: 'create',
				productId: String(kitId),
				componentProductId: stud.id,
				options: { maxWait: 0 },
			},
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.error).toBeUndefined();
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(2);
		expect(keyOf(posts[0])).toEqual(keyOf(posts[1]));
		expect(await api('GET', `/products/${kitId}/kit-items`)).toHaveLength(1);
	});

	it('Get Many lists every kit item in one request (the list is not paginated); Limit cuts it', async () => {
		const { kitId, items } = await kitWith(3);

		const all = await runResource(env.sandbox, 'productKitItem', {
			operation: 'getAll',
			productId: String(kitId),
			returnAll: true,
		});
		expect(all.error).toBeUndefined();
		expect(all.json.map((item) => item.id)).toEqual(items.map((item) => item.id));
		const lists = apiRequests(env.sandbox, 'GET');
		expect(lists).toHaveLength(1);
		expect(lists[0].path).toBe(`/api/v1/products/${kitId}/kit-items`);
		expect(lists[0].query).toEqual({});

		const two = await runResource(env.sandbox, 'productKitItem', {
			operation: 'getAll',
			productId: String(kitId),
			returnAll: false,
			limit: 2,
		});
		expect(two.json.map((item) => item.id)).toEqual(items.slice(0, 2).map((item) => item.id));
	});

	it('Get Many of a product that does not exist reports the 404', async () => {
		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'getAll',
			productId: '999999',
			returnAll: true,
		});

		expect(result.error?.description).toContain('HTTP status: 404');
	});

	it('Update changes the quantity; an empty Override Cost Price clears it', async () => {
		const { kitId, items } = await kitWith(1);

		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'update',
			productId: String(kitId),
			kitItemId: String(items[0].id),
			updateFields: { defaultQuantity: '12.5', overrideCostPrice: '' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: items[0].id,
				defaultQuantity: '12.5',
				overrideCostPrice: null,
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')).toEqual([
			expect.objectContaining({
				path: `/api/v1/products/${kitId}/kit-items/${items[0].id}`,
				body: { defaultQuantity: '12.5', overrideCostPrice: null },
			}),
		]);
	});

	it('Update with nothing to change is refused before anything is sent', async () => {
		const { kitId, items } = await kitWith(1);

		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'update',
			productId: String(kitId),
			kitItemId: String(items[0].id),
			updateFields: {},
		});

		expect(result.error?.message).toBe('Update Fields is empty: there is nothing to update');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('Delete removes the kit item (the component product stays); deleting it again reports the 404', async () => {
		const { kitId, componentIds, items } = await kitWith(2);

		const deleted = await runResource(env.sandbox, 'productKitItem', {
			operation: 'delete',
			productId: String(kitId),
			kitItemId: String(items[0].id),
		});
		expect(deleted.json).toEqual([{ id: items[0].id, deleted: true }]);
		expect(
			(await api('GET', `/products/${kitId}/kit-items`)).map((item: KitItem) => item.id),
		).toEqual([items[1].id]);
		expect(await api('GET', `/products/${componentIds[0]}`)).toMatchObject({ id: componentIds[0] });

		const again = await runResource(env.sandbox, 'productKitItem', {
			operation: 'delete',
			productId: String(kitId),
			kitItemId: String(items[0].id),
		});
		expect(again.error?.description).toContain('HTTP status: 404');
	});

	it('Reorder sends the IDs in the given order with PUT and outputs the kit items in their new order', async () => {
		const { kitId, items } = await kitWith(3);
		const order = [items[2].id, items[0].id, items[1].id];

		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'reorder',
			productId: String(kitId),
			orderedIds: order.join(', '),
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((item) => [item.id, item.sortOrder])).toEqual([
			[order[0], 1],
			[order[1], 2],
			[order[2], 3],
		]);
		expect(apiRequests(env.sandbox)).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `/api/v1/products/${kitId}/kit-items/reorder`,
				body: { orderedIds: order },
			}),
		]);
		expect(keyOf(apiRequests(env.sandbox)[0])).toEqual(expect.any(String));
	});

	it('Reorder refuses a repeated or non-numeric ID before sending, and reports the 422 for a list that leaves items out', async () => {
		const { kitId, items } = await kitWith(2);

		const repeated = await runResource(env.sandbox, 'productKitItem', {
			operation: 'reorder',
			productId: String(kitId),
			orderedIds: `${items[0].id}, ${items[0].id}`,
		});
		expect(repeated.error?.message).toBe(`Ordered Kit Item IDs lists ${items[0].id} twice`);
		const text = await runResource(env.sandbox, 'productKitItem', {
			operation: 'reorder',
			productId: String(kitId),
			orderedIds: 'first, second',
		});
		expect(text.error?.message).toBe(
			'Ordered Kit Item IDs must be positive whole numbers, but the list has "first", "second"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);

		const partial = await runResource(env.sandbox, 'productKitItem', {
			operation: 'reorder',
			productId: String(kitId),
			orderedIds: String(items[1].id),
		});
		expect(partial.error?.message).toMatch(/^Ordered Kit Item IDs must list every kit item/);
		expect(partial.error?.description).toContain('HTTP status: 422');
	});

	it('a Kit Item ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'productKitItem', {
			operation: 'delete',
			productId: '12',
			kitItemId: 'first',
		});

		expect(result.error?.message).toBe(
			'Kit Item ID must be a positive whole number, but it is "first"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
