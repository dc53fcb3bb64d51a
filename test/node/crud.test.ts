/**
 * Contact operations: what a user gets out of each one, and what BuildWorkPro is asked.
 */
import { apiRequests, runContactNode, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

describe('Create', () => {
	it('creates the contact and outputs the bare contact object, not the API envelope', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: 'general_contractor',
			additionalFields: {
				firstName: 'Ada',
				lastName: 'Stone',
				companyName: 'Stone Builders',
				email: 'ada@stone.example',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		const [contact] = result.json;
		expect(contact).toMatchObject({
			firstName: 'Ada',
			lastName: 'Stone',
			companyName: 'Stone Builders',
			email: 'ada@stone.example',
			type: 'general_contractor',
		});
		expect(typeof contact.id).toBe('number');
		expect(contact).not.toHaveProperty('data');
		expect(contact).not.toHaveProperty('meta');
		expect(env.sandbox.contacts().map((c) => c.id)).toEqual([contact.id]);
	});

	it('sends only the fields the user filled in', async () => {
		await runContactNode(env.sandbox, {
			operation: 'create',
			type: 'vendor',
			additionalFields: { companyName: 'Acme Lumber' },
		});

		const [post] = apiRequests(env.sandbox, 'POST');
		expect(post.path).toBe('/api/v1/contacts');
		expect(post.body).toEqual({ type: 'vendor', companyName: 'Acme Lumber' });
	});

	it('creates one contact per input item, each output item paired with its input item', async () => {
		const result = await runContactNode(
			env.sandbox,
			{
				operation: 'create',
				type: 'customer',
				additionalFields: { firstName: '={{ $json.name }}' },
			},
			{ input: [{ name: 'One' }, { name: 'Two' }, { name: 'Three' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.firstName)).toEqual(['One', 'Two', 'Three']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(env.sandbox.contacts()).toHaveLength(3);
	});
});

describe('Get', () => {
	it('outputs the contact with that ID', async () => {
		env.sandbox.seed(3);
		const wanted = env.sandbox.contacts()[1];

		const result = await runContactNode(env.sandbox, {
			operation: 'get',
			contactId: String(wanted.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ id: wanted.id, email: wanted.email })]);
	});

	it('accepts an ID that arrives as a number from an expression', async () => {
		env.sandbox.seed(1);
		const [only] = env.sandbox.contacts();

		const result = await runContactNode(
			env.sandbox,
			{ operation: 'get', contactId: '={{ $json.contactId }}' },
			{ input: [{ contactId: only.id }] },
		);

		expect(result.json).toEqual([expect.objectContaining({ id: only.id })]);
	});
});

describe('Update', () => {
	it('changes only the chosen fields and outputs the updated contact', async () => {
		env.sandbox.seed(1);
		const [before] = env.sandbox.contacts();

		const result = await runContactNode(env.sandbox, {
			operation: 'update',
			contactId: String(before.id),
			updateFields: { phone: '+1-555-0100', type: 'partner' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: before.id,
				phone: '+1-555-0100',
				type: 'partner',
				email: before.email,
			}),
		]);
		const [patch] = apiRequests(env.sandbox, 'PATCH');
		expect(patch.path).toBe(`/api/v1/contacts/${before.id}`);
		expect(patch.body).toEqual({ phone: '+1-555-0100', type: 'partner' });
	});

	it('clears a nullable field when it is set to an empty value', async () => {
		env.sandbox.seed(1);
		const [before] = env.sandbox.contacts();

		const result = await runContactNode(env.sandbox, {
			operation: 'update',
			contactId: String(before.id),
			updateFields: { email: '' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json[0].email).toBeNull();
	});
});

describe('Delete', () => {
	it('outputs { id, deleted: true }, after which Get reports the contact as not found', async () => {
		env.sandbox.seed(2);
		const [doomed, survivor] = env.sandbox.contacts();

		const deletion = await runContactNode(env.sandbox, {
			operation: 'delete',
			contactId: String(doomed.id),
		});

		expect(deletion.error).toBeUndefined();
		expect(deletion.json).toEqual([{ id: doomed.id, deleted: true }]);
		expect(env.sandbox.contacts().map((c) => c.id)).toEqual([survivor.id]);

		const lookup = await runContactNode(env.sandbox, {
			operation: 'get',
			contactId: String(doomed.id),
		});
		expect(lookup.error?.message).toMatch(/not found/i);
		expect(lookup.error?.description).toContain('HTTP status: 404');
		expect(lookup.error?.description).toContain('Code: not_found');
	});
});

describe('Count, Get Summary and Get by IDs', () => {
	it('Count outputs the number of contacts matching the filters', async () => {
		env.sandbox.seed(40);
		const vendors = env.sandbox.contacts().filter((contact) => contact.type === 'vendor').length;

		const result = await runContactNode(env.sandbox, {
			operation: 'count',
			filters: { type: 'vendor' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ total: vendors })]);
		expect(apiRequests(env.sandbox, 'GET')[0].query).toEqual({ type: 'vendor' });
	});

	it('Get Summary outputs one item with the counts per type', async () => {
		env.sandbox.seed(20);
		const result = await runContactNode(env.sandbox, { operation: 'getSummary' });

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		expect(apiRequests(env.sandbox, 'GET')[0].path).toBe('/api/v1/contacts/summary');
	});

	it('Get by IDs outputs each contact found, one item each, and skips unknown IDs', async () => {
		env.sandbox.seed(5);
		const [first, , third] = env.sandbox.contacts();

		const result = await runContactNode(env.sandbox, {
			operation: 'getByIds',
			ids: `${first.id}, ${third.id}, 99999`,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((contact) => contact.id).sort()).toEqual([first.id, third.id].sort());
		expect(apiRequests(env.sandbox, 'POST')[0].body).toEqual({ ids: [first.id, third.id, 99999] });
	});

	it('Get by IDs refuses a list that is not numbers, or more than 50, before sending', async () => {
		const bad = await runContactNode(env.sandbox, { operation: 'getByIds', ids: '12, abc' });
		expect(bad.error?.message).toBe('IDs must be positive whole numbers, but the list has "abc"');

		const many = await runContactNode(env.sandbox, {
			operation: 'getByIds',
			ids: Array.from({ length: 51 }, (_, i) => i + 1).join(','),
		});
		expect(many.error?.message).toContain('at most 50');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
