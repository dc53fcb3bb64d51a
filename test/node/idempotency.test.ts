/**
 * Idempotency: every POST, PATCH and DELETE carries an Idempotency-Key that stays the same for
 * every retry of the same logical operation, so a lost answer never duplicates a contact.
 */
import { v5 as uuidv5 } from 'uuid';

import {
	CUSTOM_VALUE_NAMESPACE,
	DERIVED_NAMESPACE,
	nameBasedUuid,
} from '../../nodes/shared/transport/idempotency';
import { apiRequests, keyOf, runContactNode, useSandbox, UUID_PATTERN } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

describe('which requests carry a key', () => {
	it('sends a UUID Idempotency-Key with create, update and delete, and none with reads', async () => {
		const created = await runContactNode(env.sandbox, { operation: 'create', type: 'customer' });
		const id = String(created.json[0].id);
		await runContactNode(env.sandbox, {
			operation: 'update',
			contactId: id,
			updateFields: { firstName: 'Bo' },
		});
		await runContactNode(env.sandbox, { operation: 'get', contactId: id });
		await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true });
		await runContactNode(env.sandbox, { operation: 'delete', contactId: id });

		const log = apiRequests(env.sandbox);
		expect(log.map((entry) => entry.method)).toEqual(['POST', 'PATCH', 'GET', 'GET', 'DELETE']);
		for (const entry of log) {
			if (entry.method === 'GET') expect(keyOf(entry)).toBeUndefined();
			else expect(keyOf(entry)).toMatch(UUID_PATTERN);
		}
		expect(new Set(log.filter((e) => e.method !== 'GET').map(keyOf)).size).toBe(3);
	});
});

describe('name-based UUIDs', () => {
	it('match RFC 4122 version 5 (as computed by the uuid package) for any text', () => {
		for (const name of [
			'',
			'contact.create:form-981',
			'Grüße 👷 "quotes" \n newline',
			'x'.repeat(5_000),
		]) {
			expect(nameBasedUuid(CUSTOM_VALUE_NAMESPACE, name)).toBe(
				uuidv5(name, CUSTOM_VALUE_NAMESPACE),
			);
		}
	});
});

describe('the default key', () => {
	it('is the RFC 4122 name-based UUID of (execution, node, run index, item index, operation)', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'create', type: 'customer' },
			{ input: [{}, {}] },
		);

		const expected = [0, 1].map((itemIndex) =>
			uuidv5(
				JSON.stringify([result.executionId, result.node.id, 0, itemIndex, 'contact.create']),
				DERIVED_NAMESPACE,
			),
		);
		expect(apiRequests(env.sandbox, 'POST').map(keyOf).sort()).toEqual(expected.sort());
	});

	it('differs between executions, so running a workflow twice creates twice', async () => {
		await runContactNode(env.sandbox, { operation: 'create', type: 'customer' });
		await runContactNode(env.sandbox, { operation: 'create', type: 'customer' });

		const [first, second] = apiRequests(env.sandbox, 'POST').map(keyOf);
		expect(first).not.toEqual(second);
		expect(env.sandbox.contacts()).toHaveLength(2);
	});
});

describe('a POST whose answer is lost (committed, then the connection drops)', () => {
	it('is retried by the node with the same key: exactly one contact per item', async () => {
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: '/contacts',
			count: 3,
		});

		const result = await runContactNode(
			env.sandbox,
			{
				operation: 'create',
				type: 'customer',
				additionalFields: { firstName: '={{ $json.name }}' },
			},
			{ input: [{ name: 'Ann' }, { name: 'Ben' }, { name: 'Cy' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.firstName)).toEqual(['Ann', 'Ben', 'Cy']);
		expect(
			env.sandbox
				.contacts()
				.map((c) => c.firstName)
				.sort(),
		).toEqual(['Ann', 'Ben', 'Cy']);
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts.length).toBeGreaterThan(3);
		// every retry reused the key of its item's first attempt
		expect(new Set(posts.map(keyOf)).size).toBe(3);
	});

	it("is replayed by n8n's Retry On Fail with the same key: exactly one contact per item", async () => {
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: '/contacts',
			count: 1,
		});

		const result = await runContactNode(
			env.sandbox,
			// Max Wait 0 turns the node's own retries off, so the failure reaches n8n's Retry On Fail.
			{
				operation: 'create',
				type: 'customer',
				additionalFields: { firstName: '={{ $json.name }}' },
				options: { maxWait: 0 },
			},
			{
				input: [{ name: 'Ann' }, { name: 'Ben' }],
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.firstName)).toEqual(['Ann', 'Ben']);
		expect(env.sandbox.contacts()).toHaveLength(2);
		// n8n ran the node twice (2 items × 2 tries) and both tries used the same two keys
		const posts = apiRequests(env.sandbox, 'POST');
		expect(posts).toHaveLength(4);
		expect(new Set(posts.map(keyOf)).size).toBe(2);
		// the replayed answers carry the contacts created by the first try
		expect(result.json.map((c) => c.id).sort()).toEqual(
			env.sandbox
				.contacts()
				.map((c) => c.id)
				.sort(),
		);
	});

	it('without Retry On Fail and without node retries, the user sees a clear network error', async () => {
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'POST',
			path: '/contacts',
			count: 1,
		});

		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: 'customer',
			options: { maxWait: 0 },
		});

		expect(result.error?.message).toMatch(
			/^Could not reach BuildWorkPro at 127\.0\.0\.1:\d+: the connection was closed/,
		);
		expect(result.error?.description).toContain('ECONNRESET');
	});
});

describe('a DELETE whose answer is lost', () => {
	it('is replayed, so the user sees { deleted: true } and not "not found"', async () => {
		env.sandbox.seed(1);
		const [contact] = env.sandbox.contacts();
		env.sandbox.injectFault({
			kind: 'commit-then-drop',
			method: 'DELETE',
			path: `/contacts/${contact.id}`,
			count: 1,
		});

		const result = await runContactNode(env.sandbox, {
			operation: 'delete',
			contactId: String(contact.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: contact.id, deleted: true }]);
		const deletes = apiRequests(env.sandbox, 'DELETE');
		expect(deletes).toHaveLength(2);
		expect(keyOf(deletes[0])).toEqual(keyOf(deletes[1]));
	});
});

describe('the Idempotency Key option', () => {
	const createFromSubmission = {
		operation: 'create',
		type: 'customer',
		additionalFields: { email: '={{ $json.email }}' },
		options: { idempotencyKey: '={{ $json.submissionId }}' },
	};

	it('maps the same value to the same key in every execution, so a re-run creates nothing new', async () => {
		const input = [{ submissionId: 'form-981', email: 'kay@example.com' }];
		const first = await runContactNode(env.sandbox, createFromSubmission, { input });
		const second = await runContactNode(env.sandbox, createFromSubmission, { input });

		expect(second.json).toEqual(first.json);
		expect(env.sandbox.contacts()).toHaveLength(1);
		const keys = apiRequests(env.sandbox, 'POST').map(keyOf);
		expect(keys).toEqual([
			uuidv5('contact.create:form-981', CUSTOM_VALUE_NAMESPACE),
			uuidv5('contact.create:form-981', CUSTOM_VALUE_NAMESPACE),
		]);
	});

	it('gives different values different keys', async () => {
		await runContactNode(env.sandbox, createFromSubmission, {
			input: [
				{ submissionId: 'form-1', email: 'a@example.com' },
				{ submissionId: 'form-2', email: 'b@example.com' },
			],
		});

		expect(env.sandbox.contacts()).toHaveLength(2);
	});

	it('explains the conflict when the same value arrives with different data', async () => {
		await runContactNode(env.sandbox, createFromSubmission, {
			input: [{ submissionId: 'form-7', email: 'one@example.com' }],
		});
		const clash = await runContactNode(env.sandbox, createFromSubmission, {
			input: [{ submissionId: 'form-7', email: 'two@example.com' }],
		});

		expect(clash.error?.description).toContain('Code: idempotency_key_reused');
		expect(clash.error?.description).toContain('HTTP status: 409');
		expect(clash.error?.description).toMatch(/different body/);
		expect(env.sandbox.contacts()).toHaveLength(1);
	});

	it('refuses to run when the value is empty for an item, instead of silently losing the protection', async () => {
		const result = await runContactNode(env.sandbox, createFromSubmission, {
			input: [{ email: 'x@example.com' }],
		});

		expect(result.error?.message).toBe('The Idempotency Key option is empty for this item');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
