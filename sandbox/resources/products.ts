/**
 * Products: the catalogue of materials and labour items bids are built from, including kits
 * (a product whose components are other products, its kit items). Besides CRUD, count and
 * get-many (engine), openapi.json documents usage counts, restore of a soft-deleted product,
 * duplicate (a copy with a new SKU), synchronous bulk delete/restore of up to 500 ids, and the
 * kit items of a product (list, add, update, remove, reorder).
 *
 * Where openapi.json is silent the sandbox chooses:
 * - `sku` is answered as a string (never null): a product created or updated without one (or
 *   with null) gets a generated SKU-00012.
 * - `isActive` on the list: "all" and an absent filter both list every product.
 * - Restore of a live product answers it unchanged (200); bulk delete/restore skip ids that are
 *   unknown (or already deleted / not deleted) and count only the products they changed.
 * - Kit items: `tenantId` is required by the create schema; the caller's tenant is used whatever
 *   the value. The component must be a live product of the tenant other than the kit itself.
 *   Reorder must list every kit item of the product exactly once.
 * - Usage: bids count live bids with a line item of the product; kits count live products with
 *   the product among their kit items.
 * - Duplicate copies the kit items too (a kit without components would not be the same kit).
 */
import { ApiError, badRequest, validationFailed } from '../problems';
import { firstIndexAfter } from '../keyset';
import { dec, int, pick, requireRefs, seedAmount, str } from './common';
import { ok } from '../answer';
import { validateFields, type FieldSpec } from './fields';
import type { FamilyDef, FamilyStore, FilterSpec, ResourceContext, Row } from './types';

const generatedSku = (id: number) => `SKU-${String(id).padStart(5, '0')}`;

const FIELDS: FieldSpec[] = [
	{
		name: 'sku',
		type: 'string',
		nullable: true,
		maxLength: 50,
		default: ({ id }: { id: number }) => generatedSku(id),
	},
	{ name: 'name', type: 'string', required: true, maxLength: 255 },
	str('description'),
	{ name: 'type', type: 'string', maxLength: 50, default: 'material' },
	int('categoryId'),
	dec('costPrice'),
	dec('sellPrice'),
	str('unit', { maxLength: 50 }),
	int('manufacturerId'),
	str('manufacturerCode', { maxLength: 100 }),
	{ name: 'isKit', type: 'boolean', default: false },
	{ name: 'isActive', type: 'boolean', default: true },
	// Writable, answered as extras (not in the Product response schema, which does not forbid them).
	str('salesDescription', { optional: true }),
	dec('buyTaxPercent', { optional: true }),
	dec('sellTaxPercent', { optional: true }),
	// QuickBooks bookkeeping: accepted on create, kept, never answered. (deletedAt, also in the
	// create schema, is ignored: a product is deleted with DELETE.)
	str('qboId', { input: 'create', maxLength: 64, hidden: true }),
	str('qboSyncToken', { input: 'create', maxLength: 32, hidden: true }),
	str('qboLastSyncedAt', { input: 'create', hidden: true }),
];

const KIT_ITEM_FIELDS: FieldSpec[] = [
	{
		name: 'tenantId',
		type: 'integer',
		required: true,
		input: 'create',
		min: -2147483648,
		max: 2147483647,
	},
	{
		name: 'componentProductId',
		type: 'integer',
		required: true,
		input: 'create',
		min: -2147483648,
		max: 2147483647,
	},
	{ name: 'defaultQuantity', type: 'decimal' },
	dec('overrideCostPrice'),
	int('sortOrder', { input: 'create' }),
];

interface KitItem {
	id: number;
	kitProductId: number;
	componentProductId: number;
	defaultQuantity: string | null;
	overrideCostPrice: string | null;
	sortOrder: number | null;
}

const kitItemsOf = (row: Row): KitItem[] => (row.x.kitItems ??= []);
const sortedKitItems = (row: Row) =>
	[...kitItemsOf(row)].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.id - b.id);

/** "true" / "false" for a boolean field; `all` (where the list allows it) filters nothing. */
function booleanFilter(param: string, allowAll: boolean): FilterSpec {
	return {
		param,
		kind: 'custom',
		predicate(raw) {
			if (allowAll && raw === 'all') return () => true;
			if (raw !== 'true' && raw !== 'false')
				throw badRequest(
					`${param} must be ${allowAll ? 'true, false or all' : 'true or false'}, got "${raw.slice(0, 64)}".`,
				);
			const wanted = raw === 'true';
			return (row) => row.v[param] === wanted;
		},
	};
}

/** A soft-deleted product of the tenant (or a live one), or 404 when the id never existed there. */
function findAny(store: FamilyStore, tenantId: number, id: number): Row {
	const row = store.table('products', tenantId).byId.get(id);
	if (!row) throw new ApiError(404, 'not_found', `Product ${id} not found.`);
	return row;
}

/** Puts a soft-deleted product back among the live ones (ids stay sorted for the cursors). */
function restore(store: FamilyStore, ctx: ResourceContext, row: Row): boolean {
	if (row.deletedAt === null) return false;
	const table = store.table('products', ctx.tenantId);
	const deletedAt = row.deletedAt;
	row.deletedAt = null;
	table.ids.splice(firstIndexAfter(table.ids, row.id), 0, row.id);
	store.touch(products, row);
	// Announced as an update whose previous_attributes hold the deletion time.
	store.emit(ctx, products, 'updated', store.present(products, row), { deletedAt });
	return true;
}

/** `{ids: [1..500 positive integers]}` of the bulk operations. */
function bulkIds(body: unknown): number[] {
	const { ids } = validateFields([{ name: 'ids', type: 'json', required: true }], body, 'create');
	const fail = (code: string, message: string): never => {
		throw new ApiError(422, 'validation_failed', message, [{ field: 'ids', code, message }]);
	};
	if (!Array.isArray(ids))
		return fail('invalid_type', 'ids must be an array of positive integers.');
	if (ids.length < 1 || ids.length > 500) fail('invalid_length', 'ids must hold 1 to 500 ids.');
	if (!ids.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0))
		fail('invalid_type', 'Every id must be a positive integer.');
	return [...new Set(ids as number[])];
}

function findKitItem(row: Row, itemId: number): KitItem {
	const item = kitItemsOf(row).find((i) => i.id === itemId);
	if (!item)
		throw new ApiError(404, 'not_found', `Kit item ${itemId} not found on product ${row.id}.`);
	return item;
}

export const products: FamilyDef = {
	name: 'products',
	nouns: { singular: 'Product', plural: 'products' },
	eventPrefix: 'product',
	scopes: { read: 'products:read', write: 'products:write', delete: 'products:delete' },
	ops: ['list', 'create', 'count', 'getMany', 'get', 'patch', 'delete'],
	fields: FIELDS,
	prepare(_store, _tenantId, values, row) {
		if (values.sku !== null) return;
		if (row) values.sku = generatedSku(row.id);
		else delete values.sku;
	},
	filters: [
		{ param: 'type', kind: 'eq' },
		{ param: 'categoryId', kind: 'ref' },
		{ param: 'manufacturerId', kind: 'ref' },
		booleanFilter('isKit', false),
		booleanFilter('isActive', true),
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
	],
	searchFields: ['sku', 'name', 'description', 'manufacturerCode'],
	extraOps: [
		{
			method: 'GET',
			path: '/products/{id}/usage',
			scopes: ['products:read'],
			run(store, ctx) {
				const product = store.find(products, ctx.tenantId, ctx.id);
				let bidsCount = 0;
				for (const bid of store.table('bids', ctx.tenantId).live()) {
					if (
						((bid.x.lines ?? []) as Array<{ productId?: unknown }>).some(
							(line) => line.productId === product.id,
						)
					)
						bidsCount++;
				}
				let kitsCount = 0;
				for (const kit of store.table('products', ctx.tenantId).live()) {
					if (kitItemsOf(kit).some((item) => item.componentProductId === product.id)) kitsCount++;
				}
				return ok(ctx, { bidsCount, kitsCount });
			},
		},
		{
			method: 'POST',
			path: '/products/{id}/restore',
			scopes: ['products:delete'],
			run(store, ctx) {
				const row = findAny(store, ctx.tenantId, ctx.id);
				restore(store, ctx, row);
				return ok(ctx, store.present(products, row));
			},
		},
		{
			method: 'POST',
			path: '/products/{id}/duplicate',
			scopes: ['products:write'],
			run(store, ctx) {
				const source = store.find(products, ctx.tenantId, ctx.id);
				const copy: Record<string, unknown> = {};
				for (const f of FIELDS) if (f.name !== 'sku' && !f.hidden) copy[f.name] = source.v[f.name];
				const row = store.newRow(products, ctx.tenantId, copy, Date.now());
				row.x.kitItems = kitItemsOf(source).map((item) => ({
					...item,
					id: store.nextId('product-kit-items'),
					kitProductId: row.id,
				}));
				store.table('products', ctx.tenantId).insert(row);
				const data = store.present(products, row);
				store.emit(ctx, products, 'created', data);
				return ok(ctx, data, 201);
			},
		},
		{
			method: 'POST',
			path: '/products/bulk-delete',
			scopes: ['products:delete'],
			run(store, ctx) {
				const table = store.table('products', ctx.tenantId);
				let deletedCount = 0;
				for (const id of bulkIds(ctx.body)) {
					const row = table.getLive(id);
					if (!row) continue;
					table.softDelete(row, new Date().toISOString());
					store.emit(ctx, products, 'deleted', store.present(products, row));
					deletedCount++;
				}
				return ok(ctx, { deletedCount });
			},
		},
		{
			method: 'POST',
			path: '/products/bulk-restore',
			scopes: ['products:delete'],
			run(store, ctx) {
				const table = store.table('products', ctx.tenantId);
				let restoredCount = 0;
				for (const id of bulkIds(ctx.body)) {
					const row = table.byId.get(id);
					if (row && restore(store, ctx, row)) restoredCount++;
				}
				return ok(ctx, { restoredCount });
			},
		},
		{
			method: 'GET',
			path: '/products/{id}/kit-items',
			scopes: ['products:read'],
			// Not paginated in openapi.json (no limit/cursor): every kit item, by sortOrder then id.
			run(store, ctx) {
				const row = store.find(products, ctx.tenantId, ctx.id);
				return ok(ctx, sortedKitItems(row));
			},
		},
		{
			method: 'POST',
			path: '/products/{id}/kit-items',
			scopes: ['products:write'],
			run(store, ctx) {
				const row = store.find(products, ctx.tenantId, ctx.id);
				const values = validateFields(KIT_ITEM_FIELDS, ctx.body, 'create');
				requireRefs(store, ctx.tenantId, values, { componentProductId: 'products' });
				if (values.componentProductId === row.id) {
					throw validationFailed([
						{
							field: 'componentProductId',
							code: 'invalid_value',
							message: `Product ${row.id} cannot be a component of itself.`,
						},
					]);
				}
				const items = kitItemsOf(row);
				const item: KitItem = {
					id: store.nextId('product-kit-items'),
					kitProductId: row.id,
					componentProductId: values.componentProductId as number,
					defaultQuantity: (values.defaultQuantity as string | undefined) ?? '1',
					overrideCostPrice: (values.overrideCostPrice as string | null | undefined) ?? null,
					sortOrder: (values.sortOrder as number | null | undefined) ?? items.length + 1,
				};
				store.mutate(ctx, products, row, () => items.push(item));
				return ok(ctx, item, 201);
			},
		},
		{
			method: 'PUT',
			path: '/products/{id}/kit-items/reorder',
			scopes: ['products:write'],
			run(store, ctx) {
				const row = store.find(products, ctx.tenantId, ctx.id);
				const { orderedIds: ids } = validateFields(
					[{ name: 'orderedIds', type: 'json', required: true }],
					ctx.body,
					'create',
				);
				const fail = (code: string, message: string): never => {
					throw validationFailed([{ field: 'orderedIds', code, message }]);
				};
				if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id) && id > 0))
					return fail('invalid_type', 'orderedIds must be an array of positive integers.');
				const items = kitItemsOf(row);
				const known = new Set(items.map((i) => i.id));
				if (
					ids.length !== items.length ||
					new Set(ids).size !== ids.length ||
					!ids.every((id) => known.has(id))
				) {
					fail(
						'invalid_value',
						`orderedIds must list every kit item of product ${row.id} exactly once (${[...known].join(', ') || 'none'}).`,
					);
				}
				store.mutate(ctx, products, row, () =>
					ids.forEach(
						(id: number, i: number) => (items.find((item) => item.id === id)!.sortOrder = i + 1),
					),
				);
				return ok(ctx, sortedKitItems(row));
			},
		},
		{
			method: 'PATCH',
			path: '/products/{id}/kit-items/{itemId}',
			scopes: ['products:write'],
			run(store, ctx) {
				const row = store.find(products, ctx.tenantId, ctx.id);
				const item = findKitItem(row, ctx.params.itemId);
				const values = validateFields(KIT_ITEM_FIELDS, ctx.body, 'update');
				store.mutate(ctx, products, row, () => Object.assign(item, values));
				return ok(ctx, item);
			},
		},
		{
			method: 'DELETE',
			path: '/products/{id}/kit-items/{itemId}',
			scopes: ['products:write'],
			run(store, ctx) {
				const row = store.find(products, ctx.tenantId, ctx.id);
				const item = findKitItem(row, ctx.params.itemId);
				store.mutate(ctx, products, row, () =>
					kitItemsOf(row).splice(kitItemsOf(row).indexOf(item), 1),
				);
				return { status: 204 };
			},
		},
	],
	seedInput(i, random) {
		const labour = random() < 0.3;
		return {
			name: labour
				? pick(random, ['Framing labor', 'Electrician hour', 'Drywall finishing', 'Site cleanup'])
				: pick(random, [
						'2x4 stud, 8 ft',
						'Drywall sheet 4x8',
						'Concrete mix 80 lb',
						'Copper pipe 1/2 in',
						'Roofing shingles bundle',
					]),
			type: labour ? 'labor' : 'material',
			unit: labour ? 'hour' : pick(random, ['each', 'sheet', 'bag', 'ft', 'bundle']),
			costPrice: seedAmount(random, 5, 200),
			sellPrice: seedAmount(random, 10, 300),
			isActive: i % 10 !== 9,
		};
	},
};
