import { createHmac } from 'node:crypto';

import {
	computeSignature,
	findSignatureHeader,
	parseSignatureHeader,
	verifySignature,
} from '../../nodes/BuildWorkProTrigger/signature';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW_MS = Date.UTC(2026, 10, 27, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const BODY = '{"id":"evt_1","type":"contact.created","data":{"id":7,"firstName":"Ada"}}';

/** What BuildWorkPro sends, computed independently of the code under test. */
function sign(secret: string, timestamp: number, body: string | Buffer): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function verify(
	headers: Record<string, string | string[] | undefined>,
	rawBody: string | Buffer = BODY,
	secrets = [SECRET],
) {
	return verifySignature({ headers, rawBody, secrets, nowMs: NOW_MS });
}

describe('BuildWorkPro webhook signature verification', () => {
	it('accepts a delivery signed with the endpoint secret over the raw body', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		expect(verify({ 'buildworkpro-signature': header })).toEqual({ valid: true, timestamp: NOW_S });
	});

	it('computes the documented HMAC-SHA256 hex of "<t>.<raw body>"', () => {
		expect(computeSignature(SECRET, NOW_S, BODY)).toBe(sign(SECRET, NOW_S, BODY));
		expect(computeSignature(SECRET, NOW_S, Buffer.from(BODY))).toBe(sign(SECRET, NOW_S, BODY));
	});

	it('verifies the exact bytes, so a body that parses to the same JSON but is spelled differently fails', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
		expect(verify({ 'buildworkpro-signature': header }, reserialised)).toMatchObject({
			valid: false,
		});
	});

	it('rejects a tampered body', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		const tampered = BODY.replace('Ada', 'Eve');
		const verdict = verify({ 'buildworkpro-signature': header }, tampered);
		expect(verdict).toEqual({
			valid: false,
			reason: expect.stringMatching(/no v1 signature matches/),
		});
	});

	it('rejects a signature made with another secret', () => {
		const header = `t=${NOW_S},v1=${sign('whsec_someone_else', NOW_S, BODY)}`;
		expect(verify({ 'buildworkpro-signature': header })).toMatchObject({ valid: false });
	});

	it('rejects a correctly signed delivery whose timestamp is more than 300 s old', () => {
		const stale = NOW_S - 301;
		const verdict = verify({
			'buildworkpro-signature': `t=${stale},v1=${sign(SECRET, stale, BODY)}`,
		});
		expect(verdict).toEqual({ valid: false, reason: expect.stringMatching(/timestamp/) });
	});

	it('rejects a correctly signed delivery whose timestamp is more than 300 s in the future', () => {
		const future = NOW_S + 301;
		const verdict = verify({
			'buildworkpro-signature': `t=${future},v1=${sign(SECRET, future, BODY)}`,
		});
		expect(verdict).toEqual({ valid: false, reason: expect.stringMatching(/timestamp/) });
	});

	it('accepts timestamps exactly 300 s away in either direction', () => {
		for (const t of [NOW_S - 300, NOW_S + 300]) {
			expect(
				verify({ 'buildworkpro-signature': `t=${t},v1=${sign(SECRET, t, BODY)}` }),
			).toMatchObject({ valid: true });
		}
	});

	it('accepts any matching v1 token while the secret is being rotated', () => {
		const oldToken = sign('whsec_old_secret', NOW_S, BODY);
		const newToken = sign(SECRET, NOW_S, BODY);
		expect(
			verify({ 'buildworkpro-signature': `t=${NOW_S},v1=${oldToken},v1=${newToken}` }),
		).toMatchObject({ valid: true });
		expect(
			verify({ 'buildworkpro-signature': `t=${NOW_S},v1=${newToken},v1=${oldToken}` }),
		).toMatchObject({ valid: true });
		expect(verify({ 'buildworkpro-signature': `t=${NOW_S},v1=${oldToken}` })).toMatchObject({
			valid: false,
		});
	});

	it('accepts a delivery signed with any of several stored secrets (test and production endpoints)', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		expect(
			verify({ 'buildworkpro-signature': header }, BODY, ['whsec_other', SECRET]),
		).toMatchObject({ valid: true });
	});

	it('fails closed when no secret is stored', () => {
		const header = `t=${NOW_S},v1=${sign('', NOW_S, BODY)}`;
		expect(verify({ 'buildworkpro-signature': header }, BODY, [])).toMatchObject({ valid: false });
		expect(verify({ 'buildworkpro-signature': header }, BODY, [''])).toMatchObject({
			valid: false,
		});
	});

	it('fails closed when the raw body is not available', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		const verdict = verifySignature({
			headers: { 'buildworkpro-signature': header },
			rawBody: undefined,
			secrets: [SECRET],
			nowMs: NOW_MS,
		});
		expect(verdict).toEqual({ valid: false, reason: expect.stringMatching(/raw request body/) });
	});

	it('rejects a delivery without a signature header', () => {
		expect(verify({ 'content-type': 'application/json' })).toEqual({
			valid: false,
			reason: expect.stringMatching(/missing/),
		});
		expect(verify({ 'buildworkpro-signature': '  ' })).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/missing/),
		});
	});

	it.each([
		['garbage', 'not-a-signature'],
		['no timestamp', `v1=${sign(SECRET, NOW_S, BODY)}`],
		['no v1 token', `t=${NOW_S}`],
		['only another scheme', `t=${NOW_S},v0=${sign(SECRET, NOW_S, BODY)}`],
		['non-numeric timestamp', `t=soon,v1=${sign(SECRET, NOW_S, BODY)}`],
		['v1 not 64 hex digits', `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY).slice(0, 40)}`],
		['v1 not hex', `t=${NOW_S},v1=${'z'.repeat(64)}`],
		['two different timestamps', `t=${NOW_S},t=${NOW_S - 1},v1=${sign(SECRET, NOW_S, BODY)}`],
	])('rejects a malformed header (%s)', (_case, header) => {
		expect(verify({ 'buildworkpro-signature': header })).toEqual({
			valid: false,
			reason: expect.stringMatching(/malformed/),
		});
	});

	it('finds the header whatever the case of its name', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		for (const name of [
			'BuildWorkPro-Signature',
			'buildworkpro-signature',
			'BUILDWORKPRO-SIGNATURE',
			'Bwp-Signature',
			'BWP-SIGNATURE',
		]) {
			expect(verify({ [name]: header })).toMatchObject({ valid: true });
		}
	});

	it('accepts the short Bwp-Signature header name', () => {
		const header = `t=${NOW_S},v1=${sign(SECRET, NOW_S, BODY)}`;
		expect(verify({ 'bwp-signature': header })).toMatchObject({ valid: true });
	});

	it('tolerates spaces and upper-case hex in the header', () => {
		const token = sign(SECRET, NOW_S, BODY).toUpperCase();
		expect(verify({ 'buildworkpro-signature': ` t=${NOW_S} , v1=${token} ` })).toMatchObject({
			valid: true,
		});
	});

	it('ignores unknown schemes next to a valid v1 token', () => {
		const header = `t=${NOW_S},v0=deadbeef,v1=${sign(SECRET, NOW_S, BODY)},v2=cafe`;
		expect(verify({ 'buildworkpro-signature': header })).toMatchObject({ valid: true });
	});

	it('prefers the BuildWorkPro-Signature header over Bwp-Signature when both are sent', () => {
		expect(
			findSignatureHeader({
				'bwp-signature': 'from-short-name',
				'buildworkpro-signature': 'from-long-name',
			}),
		).toBe('from-long-name');
	});

	it('parses every v1 token and the timestamp', () => {
		expect(parseSignatureHeader(`t=1700000000,v1=${'a'.repeat(64)},v1=${'B'.repeat(64)}`)).toEqual({
			timestamp: 1700000000,
			signatures: ['a'.repeat(64), 'b'.repeat(64)],
		});
	});
});
