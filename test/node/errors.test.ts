/**
 * Errors: what a user reads when something is wrong. BuildWorkPro's own words in the message,
 * written as a person would (each field by its label, once), the code / HTTP status / request id
 * in the description, never n8n's generic texts, never the API key; bad input is caught before
 * anything is sent, and such an error is the node's, not BuildWorkPro's.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { describeFieldProblem, fieldLabel } from '../../nodes/shared/errors';
import type { RunNodeResult } from '../harness';
import { apiRequests, runContactNode, runResource, serializedError, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const N8N_GENERIC_MESSAGES = [
	'Bad request - please check your parameters',
	'Your request is invalid or could not be processed by the service',
	'Authorization failed - please check your credentials',
	'Forbidden - perhaps check your credentials?',
	'The resource you are requesting could not be found',
	"Try spacing your requests out using the batching settings under 'Options'",
	'The service is receiving too many requests from you',
];

function expectNoGenericMessage(message: string | undefined) {
	expect(message).toBeTruthy();
	for (const generic of N8N_GENERIC_MESSAGES) expect(message).not.toContain(generic);
}

describe('validation errors (422)', () => {
	it('an invalid email: one sentence naming the field by its label, the facts in the description', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: 'customer',
			additionalFields: { email: 'not-an-email' },
		});

		// BuildWorkPro says: "email: email must be a valid email address or null", detail
		// "The request body is invalid: email (invalid_format)".
		expect(result.error?.message).toBe('Email must be a valid email address.');
		expectNoGenericMessage(result.error?.message);
		expect(result.error?.description).toMatch(
			/^Code: validation_failed · HTTP status: 422 · Request ID: req_\w+$/,
		);
		const shown = `${result.error?.message}\n${result.error?.description}`;
		expect(shown).not.toMatch(/request body|invalid_format|or null/);
		expect(env.sandbox.contacts()).toHaveLength(0);
	});

	it('an unknown contact type (from an expression): the message says which types there are', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: '={{ "wizard" }}',
		});

		expect(result.error?.message).toMatch(/^Type must be one of: customer, .*\.$/);
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('several invalid fields: one sentence each, every field named once', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: '={{ "wizard" }}',
			additionalFields: { email: 'nope' },
		});

		const sentences = result.error?.message.split(/(?<=\.) /) ?? [];
		expect(sentences).toHaveLength(2);
		expect(sentences).toEqual(
			expect.arrayContaining([
				'Email must be a valid email address.',
				expect.stringMatching(/^Type must be one of: /),
			]),
		);
		expect(result.error?.message).not.toMatch(/\b(email|type)[:;]/i);
	});

	it("a field is named by the node's label, also where it differs from BuildWorkPro's name for it", async () => {
		const result = await runResource(env.sandbox, 'bid', {
			operation: 'create',
			additionalFields: { taxRate: 'lots' },
		});

		expect(result.error?.message).toMatch(
			/^Tax Rate \(%\) must be a decimal number such as "1250\.00"/,
		);
		expect(result.error?.message).not.toContain('taxRate');
	});

	it.each([
		// [BuildWorkPro's entry, what the user reads]
		[
			{
				field: 'parentContactId',
				code: 'invalid_type',
				message: 'parentContactId must be an integer or null.',
			},
			'Parent Contact ID must be a whole number.',
		],
		[
			{
				field: 'lines[0].unitPrice',
				code: 'invalid_format',
				message: 'unitPrice must be a decimal number such as "1250.00".',
			},
			'Unit Price (line 1) must be a decimal number such as "1250.00".',
		],
		[
			{
				field: 'eventTypes[2]',
				code: 'invalid_enum',
				message: 'Unknown event type: contact.exploded.',
			},
			'Event Type 3: Unknown event type: contact.exploded.',
		],
		[
			{ field: 'tags', code: 'invalid_type', message: 'tags must be an array of strings.' },
			'Tags must be a list of text values.',
		],
		[{ field: 'title', code: 'required' }, 'Title is required.'],
		[
			{ field: 'ids', code: 'invalid_type', message: 'Every id must be a positive integer.' },
			'IDs: Every id must be a positive whole number.',
		],
		[
			{ code: 'invalid_value', message: 'the kit may not contain itself' },
			'The kit may not contain itself.',
		],
	] as Array<[IDataObject, string]>)('%j reads "%s"', (entry, expected) => {
		expect(describeFieldProblem(entry)).toBe(expected);
	});

	it('field paths become labels: nested lists by position, wrapper objects left out', () => {
		expect(fieldLabel('email')).toBe('Email');
		expect(fieldLabel('invoice.dueDate')).toBe('Due Date');
		expect(fieldLabel('lines[1].productId')).toBe('Product ID (line 2)');
		expect(fieldLabel('orderedIds[0]')).toBe('Ordered ID 1');
	});
});

describe('other API errors', () => {
	it("an unknown API key: BuildWorkPro's explanation, a hint, and the key nowhere in the error", async () => {
		const unknownKey = 'bwp_test_unknownkey_0123456789';
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'getAll', returnAll: true },
			{ apiKey: unknownKey },
		);

		expectNoGenericMessage(result.error?.message);
		expect(result.error?.description).toContain('HTTP status: 401');
		expect(result.error?.description).toMatch(/API key/);
		expect(serializedError(result)).not.toContain(unknownKey);
		expect(serializedError(result)).not.toContain('0123456789');
	});

	it('a key without the needed scope: says the scope is missing', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'create', type: 'customer' },
			{ apiKey: env.sandbox.keys.readOnly },
		);

		expectNoGenericMessage(result.error?.message);
		expect(result.error?.description).toContain('Code: scope_insufficient');
		expect(result.error?.description).toContain('HTTP status: 403');
		expect(result.error?.description).toMatch(/scope/);
	});

	it('is not retried: a 4xx answer is sent once', async () => {
		await runContactNode(env.sandbox, {
			operation: 'create',
			type: 'customer',
			additionalFields: { email: 'bad' },
		});

		expect(apiRequests(env.sandbox, 'POST')).toHaveLength(1);
	});

	it('never carries the API key, even for a valid key', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'get', contactId: '999999' });

		expect(result.error?.message).toMatch(/not found/i);
		expect(serializedError(result)).not.toContain(env.sandbox.keys.full);
	});
});

/**
 * Whether n8n's editor shows the error's "From BuildWorkPro" details (with "Error code: …"): it
 * does when the error has an httpCode, raw messages, error data or extra (n8n's NodeErrorView,
 * 1.x and 2.x).
 */
function shownAsFromBuildWorkPro(error: RunNodeResult['error'] | Error | undefined): boolean {
	const shown = error as
		| { httpCode?: unknown; messages?: unknown[]; context?: { data?: unknown }; extra?: unknown }
		| undefined;
	return !!(shown?.httpCode || shown?.messages?.length || shown?.context?.data || shown?.extra);
}

/** An error the node raised before sending: the node's own, not BuildWorkPro's, and it says so. */
function expectRefusedBeforeSending(error: RunNodeResult['error'] | Error | undefined) {
	expect(error?.name).toBe('NodeOperationError');
	expect(shownAsFromBuildWorkPro(error)).toBe(false);
	expect((error as { description?: string } | undefined)?.description).toMatch(
		/Nothing was sent to BuildWorkPro\.$/,
	);
	expect(JSON.stringify(error)).not.toMatch(/Error code|"httpCode"|HTTP status/);
}

describe('input caught before sending', () => {
	it('a non-numeric Contact ID: names the field, says nothing was sent, and is not reported as coming from BuildWorkPro', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'get', contactId: 'abc' });

		expect(result.error?.message).toBe(
			'Contact ID must be a positive whole number, but it is "abc"',
		);
		expect(result.error?.description).toBe(
			'BuildWorkPro IDs are whole numbers such as 1042. Check the Contact ID field. Nothing was sent to BuildWorkPro.',
		);
		expectRefusedBeforeSending(result.error);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('an error BuildWorkPro answered is shown as coming from it (the contrast)', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'get', contactId: '999999' });

		expect(result.error?.name).toBe('NodeApiError');
		expect(shownAsFromBuildWorkPro(result.error)).toBe(true);
	});

	it.each<[string, string, INodeParameters, RegExp]>([
		[
			'an empty Update Fields',
			'contact',
			{ operation: 'update', contactId: '5', updateFields: {} },
			/^Update Fields is empty/,
		],
		[
			'a non-numeric ID in a list',
			'contact',
			{ operation: 'getByIds', ids: '12, abc' },
			/^IDs must be positive whole numbers/,
		],
		[
			'an unreadable date filter',
			'contact',
			{ operation: 'getAll', returnAll: true, filters: { dateTo: 'next tuesday' } },
			/^Created Before is not a valid date/,
		],
		[
			'an Idempotency Key that is empty for the item',
			'contact',
			{
				operation: 'create',
				type: 'customer',
				options: { idempotencyKey: '={{ $json.missing }}' },
			},
			/^The Idempotency Key option is empty/,
		],
		[
			'an invoice line without a description',
			'invoice',
			{
				operation: 'create',
				projectId: 1,
				contactId: 1,
				issueDate: '2026-03-01',
				lines: { line: [{ description: ' ' }] },
			},
			/^Line 1 has no description$/,
		],
		[
			'a reorder list with a word in it',
			'invoiceLineItem',
			{ operation: 'reorder', invoiceId: '1', orderedIds: '3, second' },
			/^Ordered Line Item IDs must be positive whole numbers/,
		],
	])('%s: the same kind of error, nothing sent', async (_case, resource, parameters, message) => {
		const result = await runResource(env.sandbox, resource, parameters);

		expect(result.error?.message).toMatch(message);
		expectRefusedBeforeSending(result.error);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('keeps its message when the typed value looks like a system error code', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'get', contactId: 'ENOENT' });

		expect(result.error?.message).toBe(
			'Contact ID must be a positive whole number, but it is "ENOENT"',
		);
	});

	it.each(['update', 'delete'])(
		'%s with a non-numeric Contact ID sends nothing',
		async (operation) => {
			const result = await runContactNode(env.sandbox, {
				operation,
				contactId: '12; DROP',
				updateFields: { firstName: 'X' },
			});

			expect(result.error?.message).toContain('Contact ID');
			expect(apiRequests(env.sandbox)).toHaveLength(0);
		},
	);

	it('an update without any field: says Update Fields is empty, sends nothing', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'update',
			contactId: '5',
			updateFields: {},
		});

		expect(result.error?.message).toContain('Update Fields');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('is the same NodeOperationError on the item when the node continues on fail', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'get', contactId: '={{ $json.id }}' },
			{ input: [{ id: 'abc' }], settings: { onError: 'continueRegularOutput' } },
		);

		expect(result.items).toHaveLength(1);
		expect(result.items[0].error?.message).toContain('Contact ID');
		expectRefusedBeforeSending(result.items[0].error);
	});
});

describe('Continue On Fail', () => {
	it('turns each failed item into an error item while the other items succeed', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'create', type: 'customer', additionalFields: { email: '={{ $json.email }}' } },
			{
				input: [
					{ email: 'good1@example.com' },
					{ email: 'broken' },
					{ email: 'good2@example.com' },
				],
				settings: { onError: 'continueRegularOutput' },
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.email).toBe('good1@example.com');
		expect(result.items[1].error?.message).toBe('Email must be a valid email address.');
		expect(result.items[1].error?.description).toContain('HTTP status: 422');
		expect(result.items[2].json.email).toBe('good2@example.com');
		expect(
			env.sandbox
				.contacts()
				.map((c) => c.email)
				.sort(),
		).toEqual(['good1@example.com', 'good2@example.com']);
	});
});
