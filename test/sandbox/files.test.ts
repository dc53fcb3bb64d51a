/**
 * Files of the sandbox: the hand-written PDF is structurally valid, CSV survives a round trip
 * (writer → parser, and export → import), and the documents family serves metadata and bytes.
 */
import type { Sandbox } from '../../sandbox';
import { parseCsv, parseCsvRows, toCsv } from '../../sandbox/csv';
import { renderPdf } from '../../sandbox/pdf';
import type { Client } from './helpers';
import { expectInvalid, listAll, okData, setupResources } from './resourceHelpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Checks the PDF's frame and that every xref offset points at its object; returns the text. */
function expectValidPdf(bytes: Buffer): string {
	const text = bytes.toString('latin1');
	expect(text.startsWith('%PDF-1.4\n')).toBe(true);
	expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
	const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(text)![1]);
	expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
	const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number);
	expect(first).toBe(0);
	const entries = text
		.slice(startxref)
		.split('\n')
		.slice(2, 2 + count);
	expect(entries[0]).toBe('0000000000 65535 f ');
	entries.slice(1).forEach((entry, i) => {
		expect(entry).toMatch(/^\d{10} 00000 n $/);
		const offset = Number(entry.slice(0, 10));
		expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
	});
	expect(text).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R`));
	// The content stream's declared length is its real length.
	const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)endstream/.exec(text)!;
	expect(Buffer.byteLength(stream[2], 'latin1')).toBe(Number(stream[1]));
	return text;
}

describe('sandbox PDF', () => {
	it('writes a one-page PDF with correct cross-reference offsets and escaped text', () => {
		const text = expectValidPdf(
			renderPdf({
				title: 'Bid BID-00042',
				lines: ['Kitchen (phase 2) \\ north', 'Total: 1250.00', 'Caf\u00e9 \u2014 unicode'],
			}),
		);
		expect(text).toContain('/Type /Page ');
		expect(text).toContain('/Count 1');
		expect(text).toContain('(Bid BID-00042) Tj');
		expect(text).toContain('(Kitchen \\(phase 2\\) \\\\ north) Tj');
		expect(text).toContain('(Caf? ? unicode) Tj');
	});
});

describe('sandbox CSV', () => {
	it('quotes what needs quoting and parses its own output back', () => {
		const records = [
			{ id: 1, name: 'Plain', notes: null, tags: ['a', 'b'] },
			{ id: 2, name: 'Comma, and "quotes"', notes: 'line one\nline two', tags: [] },
			{ id: 3, name: ' padded ', notes: '', tags: null },
		];
		const csv = toCsv(['id', 'name', 'notes', 'tags'], records).toString('utf8');
		expect(csv.split('\r\n')[0]).toBe('id,name,notes,tags');
		expect(csv).toContain('2,"Comma, and ""quotes""","line one\nline two",[]\r\n');
		expect(parseCsv(csv).records.map((r) => r.values)).toEqual([
			{ id: '1', name: 'Plain', notes: '', tags: '["a","b"]' },
			{ id: '2', name: 'Comma, and "quotes"', notes: 'line one\nline two', tags: '[]' },
			{ id: '3', name: ' padded ', notes: '', tags: '' },
		]);
	});

	it('takes LF or CRLF, a byte order mark, blank lines and a missing final line end', () => {
		expect(parseCsvRows('\ufeffa,b\n1,2\n\n3,"4"')).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4'],
		]);
		expect(parseCsv('a,b\r\n1\r\n').records).toEqual([{ row: 1, values: { a: '1' } }]);
		expect(() => parseCsvRows('a\n"open')).toThrow(/line 2/);
	});
});

describe('sandbox files over HTTP', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	async function runJob(path: string, body: unknown): Promise<Json> {
		const started = await client.call('POST', path, { body });
		expect(started.status).toBe(202);
		for (;;) {
			const job = await okData(client.call('GET', `/jobs/${started.body.data.job_id}`));
			if (!['queued', 'running'].includes(job.status)) return job;
			await new Promise((r) => setTimeout(r, 20));
		}
	}

	async function follow(path: string): Promise<Buffer> {
		const redirect = await fetch(`${sandbox.baseUrl}${path}`, {
			headers: { authorization: `Bearer ${sandbox.keys.full}` },
			redirect: 'manual',
		});
		expect(redirect.status).toBe(302);
		return Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
	}

	it('round-trips contacts: the export of one tenant, imported into another, recreates them', async () => {
		sandbox.seed(40);
		const job = await runJob('/contacts/exports', {});
		const csv = await follow(`/jobs/${job.id}/download`);
		const upload = (
			await client.call('POST', '/jobs/uploads', { body: {}, key: sandbox.keys.otherTenant })
		).body.data;
		expect(
			(
				await fetch(upload.uploadUrl, {
					method: 'PUT',
					headers: { 'content-type': 'text/csv' },
					body: csv,
				})
			).status,
		).toBe(200);
		const started = await client.call('POST', '/contacts/imports', {
			body: { sourcePath: upload.sourcePath, mapping: {} },
			key: sandbox.keys.otherTenant,
		});
		expect(started.status).toBe(202);
		const imported = (
			await client.call('GET', `/jobs/${started.body.data.job_id}`, {
				key: sandbox.keys.otherTenant,
			})
		).body.data;
		expect(imported).toMatchObject({
			status: 'succeeded',
			result: { total: 40, created: 40, failed: 0 },
		});
		const strip = ({ id: _i, createdAt: _c, updatedAt: _u, parentContactId: _p, ...rest }: Json) =>
			rest;
		expect(sandbox.contacts(2).map(strip)).toEqual(sandbox.contacts(1).map(strip));
	});

	it('PDF jobs and the invoice PDF are valid PDFs', async () => {
		sandbox.seedFamily('bids', 1);
		sandbox.seedFamily('invoices', 1);
		const bid = (await okData(client.call('GET', '/bids')))[0];
		const job = await runJob(`/bids/${bid.id}/pdf`, undefined);
		expect(expectValidPdf(await follow(`/jobs/${job.id}/download`))).toContain(
			`(Bid ${bid.bidNumber}) Tj`,
		);
		const invoice = (await okData(client.call('GET', '/invoices')))[0];
		const res = await fetch(`${sandbox.baseUrl}/invoices/${invoice.id}/pdf`, {
			headers: { authorization: `Bearer ${sandbox.keys.full}` },
		});
		expect(expectValidPdf(Buffer.from(await res.arrayBuffer()))).toContain(
			`(Invoice ${invoice.invoiceNumber}) Tj`,
		);
	});

	describe('documents', () => {
		const add = (over: Record<string, unknown> = {}) =>
			sandbox.addDocument({
				entityType: 'project',
				entityId: 7,
				originalFilename: 'drawings.pdf',
				mimeType: 'application/pdf',
				bytes: renderPdf({ title: 'Drawings', lines: [] }),
				...over,
			});

		it('gets, counts, lists with filters and cursor pages (answers match openapi.json)', async () => {
			const a = add({ category: 'plans' });
			const b = add({
				entityType: 'bid',
				entityId: 3,
				originalFilename: 'scope letter.txt',
				mimeType: 'text/plain',
				bytes: Buffer.from('Scope'),
				description: 'Signed scope',
			});
			sandbox.seedFamily('documents', 3);
			expect(await okData(client.call('GET', `/documents/${a.id}`))).toEqual(a);
			expect(a).toMatchObject({
				entityType: 'project',
				entityId: 7,
				originalFilename: 'drawings.pdf',
				mimeType: 'application/pdf',
				category: 'plans',
				description: null,
				storagePath: expect.stringContaining('drawings.pdf'),
			});
			expect(b.fileSize).toBe(5);
			expect(await okData(client.call('GET', '/documents/count'))).toEqual({ total: 5 });
			expect((await listAll(client, '/documents', { limit: 2 })).length).toBe(5);
			expect(
				(await listAll(client, '/documents', { entityType: 'bid', entityId: 3 })).map((d) => d.id),
			).toEqual([b.id]);
			expect((await listAll(client, '/documents', { category: 'plans' })).map((d) => d.id)).toEqual(
				[a.id],
			);
			expect((await listAll(client, '/documents', { search: 'signed' })).map((d) => d.id)).toEqual([
				b.id,
			]);
			expect(
				await okData(
					client.call('GET', '/documents/count', { query: { entityType: 'bid', entityId: 3 } }),
				),
			).toEqual({ total: 1 });
		});

		it('downloads the exact bytes with their type and file name', async () => {
			const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
			const doc = add({ originalFilename: 'plan (rev 2).pdf', bytes });
			const res = await fetch(`${sandbox.baseUrl}/documents/${doc.id}/download`, {
				headers: { authorization: `Bearer ${sandbox.keys.full}` },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			expect(res.headers.get('content-disposition')).toBe(
				'attachment; filename="plan (rev 2).pdf"',
			);
			expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
			const seeded =
				(sandbox.seedFamily('documents', 1),
				(await okData(client.call('GET', '/documents'))).at(-1));
			const again = await fetch(`${sandbox.baseUrl}/documents/${seeded.id}/download`, {
				headers: { authorization: `Bearer ${sandbox.keys.full}` },
			});
			expect(Number(again.headers.get('content-length'))).toBe(seeded.fileSize);
			expect(again.headers.get('content-type')).toBe(seeded.mimeType);
		});

		it('updates category and description only, validates them, deletes softly, and 404s', async () => {
			const doc = add();
			expect(
				await okData(
					client.call('PATCH', `/documents/${doc.id}`, {
						body: { category: 'permits', description: 'City stamp', originalFilename: 'x.exe' },
					}),
				),
			).toMatchObject({
				category: 'permits',
				description: 'City stamp',
				originalFilename: 'drawings.pdf',
			});
			await expectInvalid(
				client.call('PATCH', `/documents/${doc.id}`, { body: { category: 'x'.repeat(65) } }),
				{ category: 'too_long' },
			);
			expect((await client.call('DELETE', `/documents/${doc.id}`)).status).toBe(204);
			for (const path of [`/documents/${doc.id}`, `/documents/${doc.id}/download`])
				expect((await client.call('GET', path)).status).toBe(404);
			expect(
				(await client.call('PATCH', '/documents/999', { body: { category: 'a' } })).status,
			).toBe(404);
			expect(
				(await client.call('GET', `/documents/${doc.id}`, { key: sandbox.keys.readOnly })).status,
			).toBe(403);
		});

		it('can be added through the test control', async () => {
			const res = await fetch(`${sandbox.url}/__sandbox/documents`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					entityType: 'contact',
					entityId: 1,
					originalFilename: 'note.txt',
					mimeType: 'text/plain',
					content: 'hello',
				}),
			});
			expect(res.status).toBe(201);
			const { data } = (await res.json()) as Json;
			expect(data).toMatchObject({ originalFilename: 'note.txt', fileSize: 5 });
			const file = await fetch(`${sandbox.baseUrl}/documents/${data.id}/download`, {
				headers: { authorization: `Bearer ${sandbox.keys.full}` },
			});
			expect(await file.text()).toBe('hello');
		});
	});
});
