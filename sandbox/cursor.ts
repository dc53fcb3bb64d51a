/**
 * Opaque keyset cursors: base64url(JSON payload) + "." + base64url(HMAC-SHA256). The payload binds
 * the cursor to the tenant, the list it came from and its filter set, so a cursor that was edited,
 * built by hand, or taken from another tenant or another query is refused with a 400.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from './problems';

interface CursorPayload {
	/** Tenant id. */
	t: number;
	/** List name, e.g. 'contacts'. */
	l: string;
	/** Hash of the canonical filter set. */
	f: string;
	/** Id of the last item returned; the next page starts after it. */
	a: number;
}

export function filterFingerprint(filters: Record<string, string | undefined>): string {
	const canonical = Object.keys(filters)
		.filter((k) => filters[k] !== undefined && filters[k] !== '')
		.sort()
		.map((k) => [k, filters[k]]);
	return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 16);
}

export class CursorCodec {
	constructor(private readonly secret: string) {}

	private sign(body: string): Buffer {
		return createHmac('sha256', this.secret).update(body).digest();
	}

	encode(tenantId: number, list: string, fingerprint: string, afterId: number): string {
		const payload: CursorPayload = { t: tenantId, l: list, f: fingerprint, a: afterId };
		const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
		return `${body}.${this.sign(body).toString('base64url')}`;
	}

	/** Returns the id to continue after, or throws a 400 problem. */
	decode(cursor: string, tenantId: number, list: string, fingerprint: string): number {
		const invalid = () =>
			badRequest(
				'The cursor is invalid. Pass the cursor from the previous page unchanged, with the same filters.',
			);
		const dot = cursor.indexOf('.');
		if (dot <= 0 || cursor.length > 1024) throw invalid();
		const body = cursor.slice(0, dot);
		const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
		const expected = this.sign(body);
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
		let payload: CursorPayload;
		try {
			payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
		} catch {
			throw invalid();
		}
		if (payload.t !== tenantId || payload.l !== list) throw invalid();
		if (payload.f !== fingerprint) {
			throw badRequest(
				'The cursor belongs to a different filter set. Repeat the original filters with it, or start again without a cursor.',
			);
		}
		if (!Number.isSafeInteger(payload.a)) throw invalid();
		return payload.a;
	}
}
