/**
 * Signature requests: Get, Get Many (cursor pages, newest first, filters), Resend and Void, through
 * n8n-core's engine against the sandbox. The API has no create: the sandbox's seed control makes them.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

interface SignatureRequest {
	id: number;
	status: string;
	entityType: string;
	entityId: number;
	signerEmail: string | null;
}

/** Seeds `count` signature requests (every status from 7 on) and clears the request log. */
async function seeded(count: number): Promise<SignatureRequest[]> {
	env.sandbox.seedFamily('signature-requests', count);
	const all: SignatureRequest[] = await api('GET', '/signature-requests?limit=100');
	env.sandbox.clearRequestLog();
	return all;
}
const inStatus = (all: SignatureRequest[], status: string) => all.find((s) => s.status === status)!;
const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/signature-requests');

function expectRefusal(result: Awaited<ReturnType<typeof runResource>>, explanation: RegExp) {
	expect(result.error?.message).toMatch(explanation);
	expect(result.error?.description).toContain('Code: conflict');
	expect(result.error?.description).toContain('HTTP status: 409');
}

describe('Signature Request: Get and Get Many', () => {
	it('Get outputs the request by its ID, with the signing URL while it is active; an unknown ID is a 404', async () => {
		const all = await seeded(7);
		const sent = inStatus(all, 'sent');

		const got = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'get',
			signatureRequestId: String(sent.id),
		});
		expect(got.error).toBeUndefined();
		expect(got.json).toEqual([
			expect.objectContaining({
				id: sent.id,
				status: 'sent',
				entityType: sent.entityType,
				signingUrl: expect.stringMatching(/^https:/),
			}),
		]);
		expect(apiRequests(env.sandbox, 'GET')[0].path).toBe(`/api/v1/signature-requests/${sent.id}`);

		const missing = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'get',
			signatureRequestId: '999999',
		});
		expect(missing.error?.description).toContain('HTTP status: 404');
		expect(missing.error?.description).toContain('Code: not_found');
	});

	it('Return All follows the cursor over several pages, newest first, each request once', async () => {
		await seeded(230);

		const result = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'getAll',
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		const ids = result.json.map((s) => Number(s.id));
		expect(new Set(ids).size).toBe(230);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		expect(listPages().map((page) => [page.query.limit, page.query.cursor !== undefined])).toEqual([
			['100', false],
			['100', true],
			['100', true],
		]);
	});

	it('Limit asks for no more than it needs', async () => {
		await seeded(40);

		const some = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});

		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it('filters by entity type, entity ID and status', async () => {
		const all = await seeded(21);
		const target = all.find((s) => s.entityType === 'change_order')!;

		const changeOrders = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'getAll',
			returnAll: true,
			filters: { entityType: 'change_order', entityId: target.entityId },
		});
		expect(changeOrders.json.map((s) => s.id)).toEqual(
			all
				.filter((s) => s.entityType === 'change_order' && s.entityId === target.entityId)
				.map((s) => s.id),
		);
		expect(listPages()[0].query).toMatchObject({
			entityType: 'change_order',
			entityId: String(target.entityId),
		});

		const signed = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'signed' },
		});
		expect(signed.json).toHaveLength(3);
		expect(signed.json.every((s) => s.status === 'signed')).toBe(true);
	});
});

describe('Signature Request: Resend and Void', () => {
	it('Resend re-emails a pending request (now sent) and outputs whether an email went out', async () => {
		const all = await seeded(7);
		const pending = inStatus(all, 'pending');

		const result = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'resend',
			signatureRequestId: String(pending.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ emailSent: pending.signerEmail !== null }]);
		expect(apiRequests(env.sandbox, 'POST')[0].path).toBe(
			`/api/v1/signature-requests/${pending.id}/resend`,
		);
		expect(await api('GET', `/signature-requests/${pending.id}`)).toMatchObject({ status: 'sent' });
	});

	it('Resend of a signed request is refused with the 409 explained', async () => {
		const all = await seeded(7);
		const signed = inStatus(all, 'signed');

		const result = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'resend',
			signatureRequestId: String(signed.id),
		});

		expectRefusal(
			result,
			new RegExp(
				`^Signature request ${signed.id} is signed; only pending or sent signature requests can be resent`,
			),
		);
	});

	it('Void cancels a sent request and outputs it voided, without a signing URL; voiding it again is refused', async () => {
		const all = await seeded(7);
		const sent = inStatus(all, 'sent');

		const voided = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'void',
			signatureRequestId: String(sent.id),
		});
		expect(voided.error).toBeUndefined();
		expect(voided.json).toEqual([expect.objectContaining({ id: sent.id, status: 'voided' })]);
		expect(voided.json[0]).not.toHaveProperty('signingUrl');

		const again = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'void',
			signatureRequestId: String(sent.id),
		});
		expectRefusal(again, new RegExp(`^Signature request ${sent.id} is already voided`));
	});

	it('a Signature Request ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'signatureRequest', {
			operation: 'void',
			signatureRequestId: 'SR-12',
		});

		expect(result.error?.message).toBe(
			'Signature Request ID must be a positive whole number, but it is "SR-12"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});
