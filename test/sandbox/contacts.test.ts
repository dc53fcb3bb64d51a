import type { Sandbox } from '../../sandbox';
import { Client, withSandbox } from './helpers';

describe('sandbox contacts', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const create = async (body: Record<string, unknown>) => {
		const res = await client.checked('POST', '/contacts', '/contacts', { body });
		expect(res.status).toBe(201);
		return res.body.data;
	};

	describe('create', () => {
		it('creates a contact with integer id, null defaults and ms timestamps', async () => {
			const contact = await create({
				type: 'customer',
				firstName: 'Maria',
				lastName: 'Garcia',
				email: 'maria@example.com',
			});
			expect(contact).toMatchObject({
				firstName: 'Maria',
				lastName: 'Garcia',
				companyName: null,
				email: 'maria@example.com',
				phone: null,
				type: 'customer',
			});
			expect(Number.isInteger(contact.id)).toBe(true);
			expect(contact.createdAt).toMatch(/\.\d{3}Z$/);
			expect(contact.updatedAt).toBe(contact.createdAt);
			expect(sandbox.contacts()).toEqual([
				expect.objectContaining({ id: contact.id, firstName: 'Maria' }),
			]);
		});

		it('stores every documented field', async () => {
			const parent = await create({ type: 'general_contractor', companyName: 'Summit Builders' });
			const body = {
				type: 'subcontractor',
				firstName: 'Wei',
				lastName: 'Chen',
				companyName: 'Chen Electric',
				email: 'wei@chen-electric.example.com',
				phone: '+1-555-100-2000',
				mobile: '+1-555-100-2001',
				website: 'https://chen-electric.example.com',
				notes: 'Licensed in three states',
				position: 'Owner',
				parentContactId: parent.id,
			};
			const contact = await create(body);
			expect(contact).toMatchObject(body);
			expect(
				(await client.checked('GET', `/contacts/${contact.id}`, '/contacts/{id}')).body.data,
			).toMatchObject(body);
		});

		it('ignores unknown fields (the schema does not forbid them)', async () => {
			const contact = await create({
				type: 'vendor',
				companyName: 'Atlas Supply',
				favouriteColour: 'blue',
			});
			expect(contact.favouriteColour).toBeUndefined();
		});

		it.each([
			[{}, 'type', 'required'],
			[{ type: 'alien' }, 'type', 'invalid_enum'],
			[{ type: 7 }, 'type', 'invalid_type'],
			[{ type: 'customer', email: 'not-an-email' }, 'email', 'invalid_format'],
			[{ type: 'customer', email: '' }, 'email', 'invalid_format'],
			[{ type: 'customer', firstName: '' }, 'firstName', 'too_short'],
			[{ type: 'customer', lastName: null }, 'lastName', 'invalid_type'],
			[{ type: 'customer', companyName: 12 }, 'companyName', 'invalid_type'],
			[{ type: 'customer', phone: 5551234 }, 'phone', 'invalid_type'],
			[{ type: 'customer', parentContactId: 0 }, 'parentContactId', 'too_small'],
			[{ type: 'customer', parentContactId: 'x' }, 'parentContactId', 'invalid_type'],
		])('rejects %j with 422 validation_failed on %s (%s)', async (body, field, code) => {
			const res = await client.checked('POST', '/contacts', '/contacts', { body });
			expect(res.status).toBe(422);
			expect(res.body.code).toBe('validation_failed');
			expect(res.body.errors).toContainEqual({ field, code, message: expect.any(String) });
			expect(sandbox.contacts()).toHaveLength(0);
		});

		it('reports every invalid field at once', async () => {
			const res = await client.checked('POST', '/contacts', '/contacts', {
				body: { type: 'x', email: 'y', firstName: '' },
			});
			expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
				'email',
				'firstName',
				'type',
			]);
		});

		it('accepts null for the nullable fields', async () => {
			const contact = await create({
				type: 'other',
				email: null,
				phone: null,
				position: null,
				parentContactId: null,
			});
			expect(contact.email).toBeNull();
		});
	});

	describe('get, update, delete', () => {
		it('PATCH changes only the given fields and bumps updatedAt', async () => {
			const contact = await create({
				type: 'customer',
				firstName: 'Ann',
				lastName: 'Lee',
				email: 'ann@example.com',
			});
			await new Promise((r) => setTimeout(r, 5));
			const res = await client.checked('PATCH', `/contacts/${contact.id}`, '/contacts/{id}', {
				body: { lastName: 'Kim', email: null },
			});
			expect(res.status).toBe(200);
			expect(res.body.data).toMatchObject({
				firstName: 'Ann',
				lastName: 'Kim',
				email: null,
				type: 'customer',
			});
			expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThan(Date.parse(contact.updatedAt));
			expect(res.body.data.createdAt).toBe(contact.createdAt);
		});

		it('PATCH validates like create but requires nothing', async () => {
			const contact = await create({ type: 'customer', firstName: 'Ann' });
			const bad = await client.checked('PATCH', `/contacts/${contact.id}`, '/contacts/{id}', {
				body: { type: 'nope' },
			});
			expect(bad.status).toBe(422);
			expect(bad.body.errors[0]).toMatchObject({ field: 'type', code: 'invalid_enum' });
			const empty = await client.checked('PATCH', `/contacts/${contact.id}`, '/contacts/{id}', {
				body: {},
			});
			expect(empty.status).toBe(200);
			expect(empty.body.data.updatedAt).toBe(contact.updatedAt);
		});

		it('PATCH of a missing contact → 404', async () => {
			const res = await client.checked('PATCH', '/contacts/987654', '/contacts/{id}', {
				body: { firstName: 'X' },
			});
			expect(res.status).toBe(404);
		});

		it('DELETE is a soft delete: 204 without body, then 404 and gone from lists and counts', async () => {
			const keep = await create({ type: 'customer', firstName: 'Keep' });
			const gone = await create({ type: 'customer', firstName: 'Gone' });
			const del = await client.checked('DELETE', `/contacts/${gone.id}`, '/contacts/{id}');
			expect(del.status).toBe(204);
			expect(del.text).toBe('');
			expect(del.headers.get('content-type')).toBeNull();
			expect((await client.checked('GET', `/contacts/${gone.id}`, '/contacts/{id}')).status).toBe(
				404,
			);
			expect(
				(await client.checked('DELETE', `/contacts/${gone.id}`, '/contacts/{id}')).status,
			).toBe(404);
			expect(
				(
					await client.checked('PATCH', `/contacts/${gone.id}`, '/contacts/{id}', {
						body: { firstName: 'X' },
					})
				).status,
			).toBe(404);
			const list = await client.checked('GET', '/contacts', '/contacts');
			expect(list.body.data.map((c: { id: number }) => c.id)).toEqual([keep.id]);
			expect(
				(await client.checked('GET', '/contacts/count', '/contacts/count')).body.data.total,
			).toBe(1);
		});

		it('isolates tenants: another tenant’s contact is 404 everywhere', async () => {
			const mine = await create({ type: 'customer', firstName: 'Mine' });
			const other = { key: sandbox.keys.otherTenant };
			expect(
				(await client.checked('GET', `/contacts/${mine.id}`, '/contacts/{id}', other)).status,
			).toBe(404);
			expect(
				(
					await client.checked('PATCH', `/contacts/${mine.id}`, '/contacts/{id}', {
						...other,
						body: { firstName: 'X' },
					})
				).status,
			).toBe(404);
			expect(
				(await client.checked('DELETE', `/contacts/${mine.id}`, '/contacts/{id}', other)).status,
			).toBe(404);
			expect((await client.checked('GET', '/contacts', '/contacts', other)).body.data).toEqual([]);
			const many = await client.checked('POST', '/contacts/get-many', '/contacts/get-many', {
				...other,
				body: { ids: [mine.id] },
			});
			expect(many.body.data).toEqual([]);
			expect(sandbox.contacts(1)).toHaveLength(1);
		});
	});

	describe('list filters, count, summary, get-many', () => {
		beforeEach(async () => {
			await create({
				type: 'customer',
				firstName: 'Maria',
				lastName: 'Garcia',
				email: 'maria@garcia.example.com',
			});
			await create({
				type: 'vendor',
				companyName: 'Granite Peak Supply',
				email: 'orders@granitepeak.example.com',
			});
			await create({
				type: 'customer',
				firstName: 'James',
				lastName: 'Smith',
				companyName: 'Smith Roofing',
			});
			await create({ type: 'architect', firstName: 'Olivia', lastName: 'Peak' });
		});

		const names = (res: { body: { data: Array<Record<string, string | null>> } }) =>
			res.body.data.map((c) => c.companyName ?? `${c.firstName} ${c.lastName}`).sort();

		it('filters by type', async () => {
			const res = await client.checked('GET', '/contacts', '/contacts', {
				query: { type: 'customer' },
			});
			expect(names(res)).toEqual(['Maria Garcia', 'Smith Roofing']);
		});

		it('searches names, company and email case-insensitively', async () => {
			const peak = await client.checked('GET', '/contacts', '/contacts', {
				query: { search: 'PEAK' },
			});
			expect(names(peak)).toEqual(['Granite Peak Supply', 'Olivia Peak']);
			const byEmail = await client.checked('GET', '/contacts', '/contacts', {
				query: { search: 'garcia.example' },
			});
			expect(names(byEmail)).toEqual(['Maria Garcia']);
			const fullName = await client.checked('GET', '/contacts', '/contacts', {
				query: { search: 'james smith' },
			});
			expect(names(fullName)).toEqual(['Smith Roofing']);
		});

		it('filters by createdAt with inclusive dateFrom/dateTo', async () => {
			const all = (await client.checked('GET', '/contacts', '/contacts')).body.data;
			const second = all[1].createdAt;
			const third = all[2].createdAt;
			const res = await client.checked('GET', '/contacts', '/contacts', {
				query: { dateFrom: second, dateTo: third },
			});
			expect(res.body.data.map((c: { id: number }) => c.id)).toEqual(
				all
					.filter((c: { createdAt: string }) => c.createdAt >= second && c.createdAt <= third)
					.map((c: { id: number }) => c.id),
			);
			const future = await client.checked('GET', '/contacts', '/contacts', {
				query: { dateFrom: '2999-01-01T00:00:00.000Z' },
			});
			expect(future.body.data).toEqual([]);
			expect(future.body.meta.pagination).toEqual({ cursor: null, has_more: false, count: 0 });
		});

		it('rejects an unparseable date with 400', async () => {
			const res = await client.checked('GET', '/contacts', '/contacts', {
				query: { dateFrom: 'yesterday-ish' },
			});
			expect(res.status).toBe(400);
			expect(res.body.detail).toContain('dateFrom');
		});

		it('compact=true returns only the core fields', async () => {
			const res = await client.checked('GET', '/contacts', '/contacts', {
				query: { compact: 'true' },
			});
			expect(Object.keys(res.body.data[0]).sort()).toEqual([
				'companyName',
				'createdAt',
				'email',
				'firstName',
				'id',
				'lastName',
				'phone',
				'type',
				'updatedAt',
			]);
		});

		it('count applies the same filters', async () => {
			const all = await client.checked('GET', '/contacts/count', '/contacts/count');
			expect(all.body.data).toEqual({ total: 4 });
			const filtered = await client.checked('GET', '/contacts/count', '/contacts/count', {
				query: { type: 'customer', search: 'smith' },
			});
			expect(filtered.body.data).toEqual({ total: 1 });
		});

		it('summary counts by type', async () => {
			const res = await client.checked('GET', '/contacts/summary', '/contacts/summary');
			expect(res.body.data.totals).toEqual({ count: 4 });
			const byType = Object.fromEntries(
				res.body.data.by_type.map((r: { type: string; count: number }) => [r.type, r.count]),
			);
			expect(byType).toMatchObject({ customer: 2, vendor: 1, architect: 1, city: 0 });
		});

		it('get-many returns existing ids, omits missing ones and reports requested/returned', async () => {
			const ids = sandbox.contacts().map((c) => c.id);
			const res = await client.checked('POST', '/contacts/get-many', '/contacts/get-many', {
				body: { ids: [ids[2], 999999, ids[0]] },
			});
			expect(res.status).toBe(200);
			expect(res.body.data.map((c: { id: number }) => c.id)).toEqual([ids[2], ids[0]]);
			expect(res.body.meta).toMatchObject({ requested: 3, returned: 2 });
		});

		it.each([
			[{}],
			[{ ids: [] }],
			[{ ids: 'x' }],
			[{ ids: [1, 'two'] }],
			[{ ids: [-1] }],
			[{ ids: Array.from({ length: 51 }, (_, i) => i + 1) }],
		])('get-many rejects %j with 422', async (body) => {
			const res = await client.checked('POST', '/contacts/get-many', '/contacts/get-many', {
				body,
			});
			expect(res.status).toBe(422);
			expect(res.body.errors[0].field).toBe('ids');
		});
	});
});
