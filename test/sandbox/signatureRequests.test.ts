import { DEFAULT_KEYS, type Sandbox } from '../../sandbox';
import { withSandbox, type Client } from './helpers';
import { expectConflict, okData } from './resourceHelpers';

const READER = {
	token: 'bwp_test_signatures_read',
	name: 'Signatures read-only',
	scopes: ['signatures:read'],
	tenantId: 1,
};

interface SignatureRequest {
	id: number;
	status: string;
	entityType: string;
	entityId: number;
	signerEmail: string | null;
	signingUrl?: string | null;
}

describe('sandbox signature requests', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await withSandbox({
			rateLimit: { enabled: false },
			keys: [...DEFAULT_KEYS, READER],
		}));
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	async function all(query: Record<string, string | number> = {}): Promise<SignatureRequest[]> {
		const items: SignatureRequest[] = [];
		let cursor: string | undefined;
		for (let guard = 0; guard < 100; guard++) {
			const res = await client.checked('GET', '/signature-requests', '/signature-requests', {
				query: { ...query, cursor },
			});
			expect(res.status).toBe(200);
			items.push(...res.body.data);
			if (!res.body.meta.pagination.has_more) return items;
			cursor = res.body.meta.pagination.cursor;
		}
		throw new Error('paging did not end');
	}
	const inStatus = async (status: string) => (await all({ status }))[0];

	it('lists newest first, paged by a cursor the next page takes back unchanged, with no repeats', async () => {
		sandbox.seedFamily('signature-requests', 23);
		const first = await client.call('GET', '/signature-requests', { query: { limit: 10 } });
		expect(first.body.data).toHaveLength(10);
		expect(first.body.meta.pagination).toEqual({
			cursor: expect.any(String),
			has_more: true,
			count: 10,
		});
		const ids = (await all({ limit: 10 })).map((s) => s.id);
		expect(ids).toHaveLength(23);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		expect(
			(await client.call('GET', '/signature-requests', { query: { cursor: 'not-a-cursor' } }))
				.status,
		).toBe(400);
		expect(
			(await client.call('GET', '/signature-requests', { query: { limit: 101 } })).status,
		).toBe(400);
	});

	it('filters by record type, record and status; an unknown record type is a 400', async () => {
		sandbox.seedFamily('signature-requests', 14);
		const everything = await all();
		const bids = await all({ entityType: 'bid' });
		expect(bids.length).toBe(everything.filter((s) => s.entityType === 'bid').length);
		expect(bids.length).toBeGreaterThan(0);
		const target = everything[0];
		expect(
			(await all({ entityType: target.entityType, entityId: target.entityId })).map((s) => s.id),
		).toContain(target.id);
		expect(
			(await all({ entityId: target.entityId })).every((s) => s.entityId === target.entityId),
		).toBe(true);
		const signed = await all({ status: 'signed' });
		expect(signed.length).toBe(2);
		expect(signed.every((s) => s.status === 'signed')).toBe(true);
		expect(
			(await client.call('GET', '/signature-requests', { query: { entityType: 'invoice' } }))
				.status,
		).toBe(400);
	});

	it('seeded requests hang on real bids and change orders', async () => {
		sandbox.seedFamily('signature-requests', 4);
		for (const s of await all()) {
			const path = s.entityType === 'bid' ? `/bids/${s.entityId}` : `/change-orders/${s.entityId}`;
			expect((await client.call('GET', path)).status).toBe(200);
		}
	});

	it('get: the signing URL only for signatures:send and only while pending or sent; 404 when missing', async () => {
		sandbox.seedFamily('signature-requests', 7);
		const sent = await inStatus('sent');
		const full = await okData(
			client.checked('GET', `/signature-requests/${sent.id}`, '/signature-requests/{id}'),
		);
		expect(full.signingUrl).toMatch(/^https:\/\//);
		const reader = await okData(
			client.call('GET', `/signature-requests/${sent.id}`, { key: READER.token }),
		);
		expect(reader).not.toHaveProperty('signingUrl');
		expect(reader.id).toBe(sent.id);
		const signed = await okData(
			client.call('GET', `/signature-requests/${(await inStatus('signed')).id}`),
		);
		expect(signed).not.toHaveProperty('signingUrl');
		expect(signed).toMatchObject({
			signedAt: expect.any(String),
			signedDocumentId: expect.any(Number),
		});
		expect((await client.call('GET', '/signature-requests/999999')).status).toBe(404);
	});

	it('resend re-emails a pending or sent request (a pending one becomes sent) and refuses the others with 409', async () => {
		sandbox.seedFamily('signature-requests', 7);
		const pending = await inStatus('pending');
		const resent = await client.checked(
			'POST',
			`/signature-requests/${pending.id}/resend`,
			'/signature-requests/{id}/resend',
		);
		expect(resent.status).toBe(200);
		expect(resent.body.data).toEqual({ emailSent: pending.signerEmail !== null });
		const after = await okData(client.call('GET', `/signature-requests/${pending.id}`));
		expect(after).toMatchObject({ status: 'sent', sentAt: expect.any(String) });
		const signed = await inStatus('signed');
		await expectConflict(
			client.call('POST', `/signature-requests/${signed.id}/resend`),
			`Signature request ${signed.id} is signed; only pending or sent signature requests can be resent.`,
		);
		expect(
			(await client.call('POST', `/signature-requests/${pending.id}/resend`, { key: READER.token }))
				.status,
		).toBe(403);
		expect((await client.call('POST', '/signature-requests/999999/resend')).status).toBe(404);
	});

	it('void cancels an active request and kills its link; voiding it again is a 409', async () => {
		sandbox.seedFamily('signature-requests', 7);
		const sent = await inStatus('sent');
		const voided = await okData(
			client.checked(
				'POST',
				`/signature-requests/${sent.id}/void`,
				'/signature-requests/{id}/void',
			),
		);
		expect(voided).toMatchObject({ id: sent.id, status: 'voided' });
		expect(voided).not.toHaveProperty('signingUrl');
		await expectConflict(
			client.call('POST', `/signature-requests/${sent.id}/void`),
			`Signature request ${sent.id} is already voided; only pending or sent signature requests can be voided.`,
		);
		await expectConflict(client.call('POST', `/signature-requests/${sent.id}/resend`), /is voided/);
	});
});
