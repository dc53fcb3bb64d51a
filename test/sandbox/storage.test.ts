/**
 * The storage listener behind signed URLs: another origin than the API, refusing (400) any request
 * with an Authorization header as S3 does, checking signature, method and expiry, and logging
 * every request without its signed query.
 */
import { StorageService } from '../../sandbox/storage';
import { withSandbox } from './helpers';

describe('sandbox storage listener', () => {
	let storage: StorageService;
	beforeAll(async () => {
		storage = new StorageService({ credentials: ['bwp_test_secret_token'] });
		await storage.start();
	});
	afterAll(() => storage.close());
	beforeEach(() => storage.reset());

	const put = (key: string, text = 'id,name\r\n1,A\r\n') =>
		storage.put(key, {
			bytes: Buffer.from(text),
			contentType: 'text/csv; charset=utf-8',
			fileName: 'export.csv',
		});

	it('serves a stored object through a signed GET URL with its type, length and file name', async () => {
		put('tenants/1/jobs/j1/export.csv');
		const res = await fetch(storage.signedUrl('GET', 'tenants/1/jobs/j1/export.csv', 60));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="export.csv"');
		expect(res.headers.get('content-length')).toBe('14');
		expect(await res.text()).toBe('id,name\r\n1,A\r\n');
	});

	it('refuses with 400 any request carrying an Authorization header, even with a valid signature', async () => {
		put('k.csv');
		const url = storage.signedUrl('GET', 'k.csv', 60);
		const res = await fetch(url, { headers: { authorization: 'Bearer bwp_test_secret_token' } });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('<Code>InvalidArgument</Code>');
		const upload = await fetch(storage.signedUrl('PUT', 'up.csv', 60), {
			method: 'PUT',
			headers: { authorization: 'Basic eDp5' },
			body: 'a\n1\n',
		});
		expect(upload.status).toBe(400);
		expect(storage.has('up.csv')).toBe(false);
		expect(
			storage.requestLog().map((e) => [e.method, e.status, e.authorization, e.credential]),
		).toEqual([
			['GET', 400, true, true],
			['PUT', 400, true, false],
		]);
	});

	it('flags an API key in any other header, and never logs the signed query', async () => {
		put('k.csv');
		const url = storage.signedUrl('GET', 'k.csv', 60);
		const res = await fetch(url, { headers: { 'x-api-key': 'bwp_test_secret_token' } });
		expect(res.status).toBe(200);
		const [entry] = storage.requestLog();
		expect(entry).toMatchObject({
			method: 'GET',
			path: '/bwp-sandbox/k.csv',
			authorization: false,
			credential: true,
			status: 200,
			bytes: 14,
		});
		expect(entry.headerNames).toContain('x-api-key');
		expect(JSON.stringify(storage.requestLog())).not.toContain('X-Amz-Signature');
	});

	it('rejects expired URLs, tampered signatures, unsigned requests and a GET URL used to PUT', async () => {
		put('k.csv');
		const expired = storage.signedUrl('GET', 'k.csv', 60, Date.now() - 61_000);
		const expiredRes = await fetch(expired);
		expect(expiredRes.status).toBe(403);
		expect(await expiredRes.text()).toContain('Request has expired');
		expect((await fetch(storage.signedUrl('GET', 'k.csv', 60, Date.now() - 30_000))).status).toBe(
			200,
		);

		const url = new URL(storage.signedUrl('GET', 'k.csv', 60));
		url.searchParams.set('X-Amz-Expires', '600');
		expect((await fetch(url)).status).toBe(403);
		const other = new URL(storage.signedUrl('GET', 'k.csv', 60));
		other.pathname = '/bwp-sandbox/other.csv';
		expect((await fetch(other)).status).toBe(403);
		expect((await fetch(`${storage.origin}/bwp-sandbox/k.csv`)).status).toBe(403);
		const wrongMethod = await fetch(storage.signedUrl('GET', 'new.csv', 60), {
			method: 'PUT',
			body: 'x',
		});
		expect(wrongMethod.status).toBe(403);
		expect(storage.has('new.csv')).toBe(false);
		expect((await fetch(storage.signedUrl('GET', 'missing.csv', 60))).status).toBe(404);
	});

	it('stores a PUT upload byte for byte under its key', async () => {
		const bytes = Buffer.from('firstName,type\r\n"Ana ""A"" Lopez",customer\r\n\u00e9\r\n', 'utf8');
		const res = await fetch(storage.signedUrl('PUT', 'tenants/1/uploads/u.csv', 60), {
			method: 'PUT',
			headers: { 'content-type': 'text/csv' },
			body: bytes,
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
		expect(storage.get('tenants/1/uploads/u.csv')).toMatchObject({ contentType: 'text/csv' });
		expect(storage.get('tenants/1/uploads/u.csv')!.bytes.equals(bytes)).toBe(true);
	});

	it('refuses uploads over its size cap with 413', async () => {
		const small = new StorageService({ maxUploadBytes: 1024 });
		await small.start();
		try {
			const res = await fetch(small.signedUrl('PUT', 'big.csv', 60), {
				method: 'PUT',
				body: Buffer.alloc(4096, 65),
			});
			expect(res.status).toBe(413);
			expect(small.has('big.csv')).toBe(false);
		} finally {
			await small.close();
		}
	});
});

describe('the sandbox storage origin', () => {
	it('starts and stops with the sandbox, on another port than the API, and exposes its log', async () => {
		const { sandbox } = await withSandbox();
		const api = new URL(sandbox.url);
		const storage = new URL(sandbox.storageUrl);
		expect(storage.hostname).toBe(api.hostname);
		expect(storage.port).not.toBe(api.port);
		expect(
			(
				await fetch(`${sandbox.url}/__sandbox/storage`).then(
					(r) => r.json() as Promise<{ url: string }>,
				)
			).url,
		).toBe(sandbox.storageUrl);
		await fetch(`${sandbox.storageUrl}/bwp-sandbox/x`, {
			headers: { authorization: `Bearer ${sandbox.keys.full}` },
		});
		expect(sandbox.storageLog()).toEqual([
			expect.objectContaining({ authorization: true, credential: true, status: 400 }),
		]);
		const viaControl = (await fetch(`${sandbox.url}/__sandbox/storage/requests`).then((r) =>
			r.json(),
		)) as { data: unknown[] };
		expect(viaControl.data).toHaveLength(1);
		await fetch(`${sandbox.url}/__sandbox/storage/requests`, { method: 'DELETE' });
		expect(sandbox.storageLog()).toEqual([]);
		await sandbox.close();
		await expect(fetch(`${sandbox.storageUrl}/bwp-sandbox/x`)).rejects.toThrow();
	});

	it('signs URLs for the configured lifetime', async () => {
		const { sandbox, client } = await withSandbox({ jobs: { signedUrlTtlSeconds: 1 } });
		try {
			const upload = (await client.call('POST', '/jobs/uploads', { body: {} })).body.data;
			expect(upload.expiresInSeconds).toBe(1);
			expect(new URL(upload.uploadUrl).searchParams.get('X-Amz-Expires')).toBe('1');
			await new Promise((r) => setTimeout(r, 2100));
			expect((await fetch(upload.uploadUrl, { method: 'PUT', body: 'a\n' })).status).toBe(403);
		} finally {
			await sandbox.close();
		}
	});
});
