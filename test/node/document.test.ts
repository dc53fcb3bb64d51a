/**
 * Documents: the files attached to records (a project's drawings, a bid's scope letter). Their
 * details (Get, Get Many, Count, Update, Delete), the file itself as n8n binary data (Download:
 * the exact bytes, with the name and type BuildWorkPro sends) and the CSV export, through
 * n8n-core's engine against the sandbox.
 */
import type { IBinaryData } from 'n8n-workflow';

import { parseCsv } from '../../sandbox/csv';
import { renderPdf } from '../../sandbox/pdf';
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

const api = sandboxApi(env);

beforeEach(() => {
	env.sandbox.reset();
	env.sandbox.clearRequestLog();
	env.sandbox.clearStorageLog();
});

const listPages = () =>
	apiRequests(env.sandbox, 'GET').filter((entry) => entry.path === '/api/v1/documents');

interface DocumentRecord {
	id: number;
	entityType: string;
	entityId: number;
	originalFilename: string;
	mimeType: string;
	fileSize: number;
	category: string | null;
	description: string | null;
}

/** A document with the given bytes, added through the sandbox (v1 has no upload route); the request log is cleared. */
function addDocument(
	overrides: Partial<Omit<DocumentRecord, 'id'>> & { bytes?: Buffer } = {},
): DocumentRecord {
	const { bytes, ...fields } = overrides;
	const record = env.sandbox.addDocument({
		entityType: 'project',
		entityId: 7,
		originalFilename: 'site-notes.txt',
		mimeType: 'text/plain',
		category: 'field',
		description: null,
		...fields,
		bytes: bytes ?? Buffer.from('Poured footings on grid A.\n', 'utf8'),
	}) as unknown as DocumentRecord;
	env.sandbox.clearRequestLog();
	return record;
}

function binaryOf(
	result: Awaited<ReturnType<typeof runResource>>,
	field = 'data',
): { meta: IBinaryData; bytes: Buffer } {
	const meta = result.items[0]?.binary?.[field];
	expect(meta).toBeDefined();
	return { meta: meta!, bytes: Buffer.from(meta!.data, 'base64') };
}

describe('Document: details', () => {
	it('Get outputs the document by Document ID: file name, type, size, category and the record it belongs to', async () => {
		const doc = addDocument({
			originalFilename: 'permit-2026-114.pdf',
			mimeType: 'application/pdf',
			category: 'permit',
			entityType: 'project',
			entityId: 12,
			bytes: renderPdf({ title: 'Permit', lines: ['2026-114'] }),
		});

		const result = await runResource(env.sandbox, 'document', {
			operation: 'get',
			documentId: String(doc.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: doc.id,
				originalFilename: 'permit-2026-114.pdf',
				mimeType: 'application/pdf',
				fileSize: doc.fileSize,
				category: 'permit',
				entityType: 'project',
				entityId: 12,
			}),
		]);
		expect(apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /api/v1/documents/${doc.id}`,
		]);
	});

	it("a document that does not exist fails with BuildWorkPro's 404", async () => {
		const result = await runResource(env.sandbox, 'document', {
			operation: 'get',
			documentId: '999999',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
	});

	it('Get Many with Return All pages through every document (cursor); Limit stops at that many', async () => {
		env.sandbox.seedFamily('documents', 230);
		env.sandbox.clearRequestLog();

		const all = await runResource(env.sandbox, 'document', {
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.error).toBeUndefined();
		expect(all.json).toHaveLength(230);
		expect(new Set(all.json.map((doc) => doc.id)).size).toBe(230);
		expect(listPages().map((page) => page.query.limit)).toEqual(['100', '100', '100']);

		env.sandbox.clearRequestLog();
		const some = await runResource(env.sandbox, 'document', {
			operation: 'getAll',
			returnAll: false,
			limit: 15,
		});
		expect(some.json).toHaveLength(15);
		expect(listPages().map((page) => page.query.limit)).toEqual(['15']);
	});

	it("Get Many's filters (entity type and ID, category, search, created after) go out as query parameters and only the matches come back", async () => {
		const wanted = addDocument({
			entityType: 'bid',
			entityId: 41,
			category: 'contract',
			originalFilename: 'scope-letter-cedar-park.pdf',
			mimeType: 'application/pdf',
		});
		addDocument({
			entityType: 'bid',
			entityId: 41,
			category: 'estimate',
			originalFilename: 'material-list.csv',
			mimeType: 'text/csv',
		});
		addDocument({
			entityType: 'bid',
			entityId: 42,
			category: 'contract',
			originalFilename: 'scope-letter-harbor.pdf',
			mimeType: 'application/pdf',
		});
		addDocument({
			entityType: 'project',
			entityId: 41,
			category: 'contract',
			originalFilename: 'scope-letter-riverside.pdf',
			mimeType: 'application/pdf',
		});

		const result = await runResource(env.sandbox, 'document', {
			operation: 'getAll',
			returnAll: true,
			filters: {
				entityType: 'bid',
				entityId: 41,
				category: 'contract',
				search: 'scope',
				dateFrom: '2020-01-01T00:00:00',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((doc) => doc.id)).toEqual([wanted.id]);
		expect(listPages()[0].query).toMatchObject({
			entityType: 'bid',
			entityId: '41',
			category: 'contract',
			search: 'scope',
			dateFrom: '2020-01-01T00:00:00.000Z',
		});
	});

	it('Count gives the total of the documents matching the filters', async () => {
		addDocument({ entityType: 'site_log', entityId: 3 });
		addDocument({ entityType: 'site_log', entityId: 3 });
		addDocument({ entityType: 'site_log', entityId: 4 });

		const result = await runResource(env.sandbox, 'document', {
			operation: 'count',
			filters: { entityType: 'site_log', entityId: 3 },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ total: 2 }]);
		expect(apiRequests(env.sandbox)[0]).toEqual(
			expect.objectContaining({
				path: '/api/v1/documents/count',
				query: expect.objectContaining({ entityType: 'site_log', entityId: '3' }),
			}),
		);
	});

	it('Update sends only the fields given (an empty one clears it), then Delete removes the document and Get finds nothing', async () => {
		const doc = addDocument({ category: 'field', description: 'Uploaded from the field app.' });

		const updated = await runResource(env.sandbox, 'document', {
			operation: 'update',
			documentId: String(doc.id),
			updateFields: { category: 'inspection', description: '' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({
				id: doc.id,
				category: 'inspection',
				description: null,
				originalFilename: doc.originalFilename,
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			category: 'inspection',
			description: null,
		});

		const deleted = await runResource(env.sandbox, 'document', {
			operation: 'delete',
			documentId: String(doc.id),
		});
		expect(deleted.json).toEqual([{ id: doc.id, deleted: true }]);
		expect(apiRequests(env.sandbox, 'DELETE')[0].path).toBe(`/api/v1/documents/${doc.id}`);
		const gone = await runResource(env.sandbox, 'document', {
			operation: 'get',
			documentId: String(doc.id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it('Update with a category longer than 64 characters is refused with the 422, the document unchanged', async () => {
		const doc = addDocument({ category: 'field' });

		const result = await runResource(env.sandbox, 'document', {
			operation: 'update',
			documentId: String(doc.id),
			updateFields: { category: 'x'.repeat(65) },
		});

		expect(result.error?.message).toMatch(/^Category/);
		expect(result.error?.description).toContain('HTTP status: 422');
		expect(await api('GET', `/documents/${doc.id}`)).toEqual(
			expect.objectContaining({ category: 'field' }),
		);
	});

	it('Update with no field chosen and a Document ID that is no number are refused before anything is sent', async () => {
		const doc = addDocument();

		const empty = await runResource(env.sandbox, 'document', {
			operation: 'update',
			documentId: String(doc.id),
			updateFields: {},
		});
		expect(empty.error).toBeDefined();
		const notANumber = await runResource(env.sandbox, 'document', {
			operation: 'download',
			documentId: 'permit.pdf',
		});
		expect(notANumber.error?.message).toBe(
			'Document ID must be a positive whole number, but it is "permit.pdf"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Document: Download (the file as binary data)', () => {
	it('outputs the document ID and the exact bytes BuildWorkPro streams, with its file name and type; no storage host involved', async () => {
		const pdf = renderPdf({
			title: 'Scope letter',
			lines: ['Cedar Park slab', 'Excludes rock excavation'],
		});
		const doc = addDocument({
			entityType: 'bid',
			entityId: 41,
			originalFilename: 'scope-letter-cedar-park.pdf',
			mimeType: 'application/pdf',
			bytes: pdf,
		});

		const result = await runResource(env.sandbox, 'document', {
			operation: 'download',
			documentId: String(doc.id),
		});

		expect(result.error).toBeUndefined();
		const { meta, bytes } = binaryOf(result);
		expect(bytes.equals(pdf)).toBe(true);
		expect(meta).toEqual(
			expect.objectContaining({
				fileName: 'scope-letter-cedar-park.pdf',
				mimeType: 'application/pdf',
				fileExtension: 'pdf',
			}),
		);
		expect(result.json).toEqual([
			{
				id: doc.id,
				fileName: 'scope-letter-cedar-park.pdf',
				mimeType: 'application/pdf',
				bytes: pdf.length,
			},
		]);
		expect(
			apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
		).toEqual([`GET /api/v1/documents/${doc.id}/download 200`]);
		expect(env.sandbox.storageLog()).toHaveLength(0);
	});

	it('puts the file in the binary field chosen, with a non-ASCII file name kept and a CSV type as sent', async () => {
		const csv = Buffer.from('item,quantity\r\nDrywall sheets,40\r\nScrews (box),6\r\n', 'utf8');
		const doc = addDocument({
			originalFilename: 'Materialliste-Büro.csv',
			mimeType: 'text/csv',
			bytes: csv,
		});

		const result = await runResource(env.sandbox, 'document', {
			operation: 'download',
			documentId: String(doc.id),
			binaryPropertyName: 'attachment',
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data).toBeUndefined();
		const { meta, bytes } = binaryOf(result, 'attachment');
		expect(bytes.equals(csv)).toBe(true);
		expect(meta).toEqual(
			expect.objectContaining({ fileName: 'Materialliste-Büro.csv', mimeType: 'text/csv' }),
		);
	});

	it('an empty file downloads as an empty binary, not as an error', async () => {
		const doc = addDocument({
			originalFilename: 'placeholder.txt',
			mimeType: 'text/plain',
			bytes: Buffer.alloc(0),
		});

		const result = await runResource(env.sandbox, 'document', {
			operation: 'download',
			documentId: String(doc.id),
		});

		expect(result.error).toBeUndefined();
		expect(binaryOf(result).bytes).toHaveLength(0);
		expect(result.json[0]).toEqual(
			expect.objectContaining({ id: doc.id, fileName: 'placeholder.txt', bytes: 0 }),
		);
	});

	it("a document that does not exist fails with BuildWorkPro's 404 (read from the problem details), and no binary is output", async () => {
		const result = await runResource(env.sandbox, 'document', {
			operation: 'download',
			documentId: '424242',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
		expect(result.error?.message).not.toMatch(/^\s*\{/);
		expect(result.items).toHaveLength(0);
	});

	it("another tenant's document cannot be downloaded: 404, BuildWorkPro not saying it exists", async () => {
		const doc = addDocument();

		const result = await runResource(
			env.sandbox,
			'document',
			{ operation: 'download', documentId: String(doc.id) },
			{ apiKey: env.sandbox.keys.otherTenant },
		);

		expect(result.error?.description).toContain('HTTP status: 404');
	});
});

describe('Document: Export (CSV as binary data)', () => {
	it("hands over the CSV of every document's details in one job, filters sent in the body", async () => {
		const kept = [
			addDocument({ entityType: 'project', entityId: 5, originalFilename: 'a.txt' }),
			addDocument({ entityType: 'project', entityId: 5, originalFilename: 'b.txt' }),
		];
		addDocument({ entityType: 'bid', entityId: 5, originalFilename: 'c.txt' });

		const result = await runResource(env.sandbox, 'document', {
			operation: 'export',
			filters: { entityType: 'project' },
		});

		expect(result.error).toBeUndefined();
		const { meta, bytes } = binaryOf(result);
		const table = parseCsv(bytes.toString('utf8'));
		expect(table.header).toEqual(
			expect.arrayContaining(['id', 'entityType', 'entityId', 'originalFilename', 'mimeType']),
		);
		expect(table.records.map((record) => Number(record.values.id)).sort((a, b) => a - b)).toEqual(
			kept.map((doc) => doc.id),
		);
		expect(meta.mimeType).toBe('text/csv');
		expect(result.json).toEqual([
			expect.objectContaining({
				jobId: expect.stringMatching(/^job_/),
				rowCount: 2,
				mimeType: 'text/csv',
			}),
		]);
		expect(
			apiRequests(env.sandbox, 'POST').map(
				(entry) => `${entry.path} ${JSON.stringify(entry.body)}`,
			),
		).toEqual(['/api/v1/documents/exports {"filters":{"entityType":"project"}}']);
		for (const entry of env.sandbox.storageLog()) expect(entry.authorization).toBe(false);
		expect(env.sandbox.storageLog().length).toBeGreaterThanOrEqual(1);
	});
});
