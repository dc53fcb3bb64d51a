/**
 * Errors: what a user reads when something is wrong. BuildWorkPro's own words in the message,
 * the code / HTTP status / request id in the description, never n8n's generic texts, never the
 * API key; bad input is caught before anything is sent.
 */
import { apiRequests, runContactNode, serializedError, useSandbox } from './support';

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
	it('an invalid email: the message names the field and says what is wrong', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: 'customer',
			additionalFields: { email: 'not-an-email' },
		});

		expect(result.error?.message).toMatch(/^email: \S/);
		expectNoGenericMessage(result.error?.message);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
		expect(result.error?.description).toMatch(/Request ID: req_\w+/);
		expect(env.sandbox.contacts()).toHaveLength(0);
	});

	it('an unknown contact type (from an expression): the message names the type field', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'create', type: '={{ "wizard" }}' });

		expect(result.error?.message).toMatch(/^type: \S/);
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('several invalid fields: each one appears as "field: message"', async () => {
		const result = await runContactNode(env.sandbox, {
			operation: 'create',
			type: '={{ "wizard" }}',
			additionalFields: { email: 'nope' },
		});

		expect(result.error?.message).toMatch(/(^|; )email: /);
		expect(result.error?.message).toMatch(/(^|; )type: /);
	});
});

describe('other API errors', () => {
	it('an unknown API key: BuildWorkPro\'s explanation, a hint, and the key nowhere in the error', async () => {
		const unknownKey = 'bwp_test_unknownkey_0123456789';
		const result = await runContactNode(env.sandbox, { operation: 'getAll', returnAll: true }, { apiKey: unknownKey });

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
		await runContactNode(env.sandbox, { operation: 'create', type: 'customer', additionalFields: { email: 'bad' } });

		expect(apiRequests(env.sandbox, 'POST')).toHaveLength(1);
	});

	it('never carries the API key, even for a valid key', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'get', contactId: '999999' });

		expect(result.error?.message).toMatch(/not found/i);
		expect(serializedError(result)).not.toContain(env.sandbox.keys.full);
	});
});

describe('input caught before sending', () => {
	it('a non-numeric Contact ID: names the field, sends nothing', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'get', contactId: 'abc' });

		expect(result.error?.message).toBe('Contact ID must be a positive whole number, but it is "abc"');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it.each(['update', 'delete'])('%s with a non-numeric Contact ID sends nothing', async (operation) => {
		const result = await runContactNode(env.sandbox, { operation, contactId: '12; DROP', updateFields: { firstName: 'X' } });

		expect(result.error?.message).toContain('Contact ID');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('an update without any field: says Update Fields is empty, sends nothing', async () => {
		const result = await runContactNode(env.sandbox, { operation: 'update', contactId: '5', updateFields: {} });

		expect(result.error?.message).toContain('Update Fields');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('is reported as a NodeOperationError on the item when the node continues on fail', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'get', contactId: '={{ $json.id }}' },
			{ input: [{ id: 'abc' }], settings: { onError: 'continueRegularOutput' } },
		);

		expect(result.items).toHaveLength(1);
		expect(result.items[0].error?.name).toBe('NodeOperationError');
		expect(result.items[0].error?.message).toContain('Contact ID');
	});
});

describe('Continue On Fail', () => {
	it('turns each failed item into an error item while the other items succeed', async () => {
		const result = await runContactNode(
			env.sandbox,
			{ operation: 'create', type: 'customer', additionalFields: { email: '={{ $json.email }}' } },
			{
				input: [{ email: 'good1@example.com' }, { email: 'broken' }, { email: 'good2@example.com' }],
				settings: { onError: 'continueRegularOutput' },
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.email).toBe('good1@example.com');
		expect(result.items[1].error?.message).toMatch(/^email: /);
		expect(result.items[1].error?.description).toContain('HTTP status: 422');
		expect(result.items[2].json.email).toBe('good2@example.com');
		expect(env.sandbox.contacts().map((c) => c.email).sort()).toEqual(['good1@example.com', 'good2@example.com']);
	});
});
