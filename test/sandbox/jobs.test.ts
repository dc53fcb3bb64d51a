/**
 * Contract of the sandbox's asynchronous jobs: exports, imports, bulk delete/restore and PDFs,
 * the /jobs routes, and the job controls (duration, outcome, Retry-After). Every JSON answer is
 * validated against openapi.json; redirects (302) are checked by hand and their signed URLs
 * fetched without any credential.
 */
import type { Sandbox } from '../../sandbox';
import { parseCsv } from '../../sandbox/csv';
import { Client } from './helpers';
import { created, expectInvalid, okData, setupResources } from './resourceHelpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sandbox jobs', () => {
	let sandbox: Sandbox;
	let client: Client;
	beforeAll(async () => {
		({ sandbox, client } = await setupResources());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	/** Starts a job and checks the documented 202 answer. */
	async function start(path: string, body: unknown = {}, key?: string): Promise<string> {
		const res = await client.call('POST', path, { body, key });
		if (res.status !== 202) throw new Error(`POST ${path} → ${res.status}: ${res.text}`);
		expect(res.body.data.status_url).toBe(`/api/v1/jobs/${res.body.data.job_id}`);
		return res.body.data.job_id;
	}

	const getJob = async (id: string, key?: string): Promise<Json> =>
		okData(client.call('GET', `/jobs/${id}`, { key }));

	async function waitJob(id: string): Promise<Json> {
		for (let i = 0; i < 200; i++) {
			const job = await getJob(id);
			if (!['queued', 'running'].includes(job.status)) return job;
			await sleep(25);
		}
		throw new Error(`job ${id} did not end`);
	}

	/** GET without following the redirect. */
	async function redirectOf(path: string): Promise<Response> {
		return fetch(`${sandbox.baseUrl}${path}`, {
			headers: { authorization: `Bearer ${sandbox.keys.full}` },
			redirect: 'manual',
		});
	}

	/** Follows /jobs/{id}/download (or /errors) by hand: a 302 to the storage origin, fetched with no credential. */
	async function download(
		id: string,
		what: 'download' | 'errors' = 'download',
	): Promise<{ bytes: Buffer; type: string | null; disposition: string | null }> {
		const res = await redirectOf(`/jobs/${id}/${what}`);
		expect(res.status).toBe(302);
		const location = res.headers.get('location')!;
		expect(new URL(location).origin).toBe(sandbox.storageUrl);
		expect(new URL(location).origin).not.toBe(new URL(sandbox.url).origin);
		const file = await fetch(location);
		expect(file.status).toBe(200);
		return {
			bytes: Buffer.from(await file.arrayBuffer()),
			type: file.headers.get('content-type'),
			disposition: file.headers.get('content-disposition'),
		};
	}

	async function uploadCsv(csv: string, key?: string): Promise<string> {
		const res = await client.call('POST', '/jobs/uploads', {
			body: { contentType: 'text/csv' },
			key,
		});
		expect(res.status).toBe(200);
		const { uploadUrl, sourcePath, expiresInSeconds } = res.body.data;
		expect(new URL(uploadUrl).origin).toBe(sandbox.storageUrl);
		expect(expiresInSeconds).toBe(300);
		const put = await fetch(uploadUrl, {
			method: 'PUT',
			headers: { 'content-type': 'text/csv' },
			body: csv,
		});
		expect(put.status).toBe(200);
		return sourcePath;
	}

	const contactRows = () =>
		sandbox
			.contacts()
			.map(({ firstName, lastName, email, type }) => ({ firstName, lastName, email, type }));

	describe('exports', () => {
		it('exports every contact as CSV through a signed URL on the storage origin', async () => {
			sandbox.seed(120);
			const id = await start('/contacts/exports');
			const job = await waitJob(id);
			expect(job).toMatchObject({
				id,
				type: 'export',
				resourceType: 'contacts',
				status: 'succeeded',
				errorMessage: null,
				progress: { processed: 120, total: 120, errorsCount: 0 },
			});
			expect(job.result).toMatchObject({ rowCount: 120, contentType: 'text/csv' });
			const file = await download(id);
			expect(file.type).toMatch(/^text\/csv/);
			expect(file.disposition).toBe(`attachment; filename="${job.result.fileName}"`);
			const table = parseCsv(file.bytes.toString('utf8'));
			expect(table.header.slice(0, 3)).toEqual(['id', 'type', 'firstName']);
			expect(table.records.map((r) => Number(r.values.id))).toEqual(
				sandbox.contacts().map((c) => c.id),
			);
			expect(table.records[5].values.email).toBe(sandbox.contacts()[5].email);
		});

		it('honours the list filters of the family', async () => {
			sandbox.seed(60);
			const customers = sandbox.contacts().filter((c) => c.type === 'customer');
			expect(customers.length).toBeGreaterThan(0);
			const id = await start('/contacts/exports', { filters: { type: 'customer' } });
			expect((await waitJob(id)).params).toEqual({ filters: { type: 'customer' } });
			const rows = parseCsv((await download(id)).bytes.toString('utf8')).records;
			expect(rows.map((r) => Number(r.values.id))).toEqual(customers.map((c) => c.id));

			const projectA = await created(client, '/projects', { name: 'Alpha', status: 'in_progress' });
			await created(client, '/projects', { name: 'Beta' });
			const projects = parseCsv(
				(
					await download(await start('/projects/exports', { filters: { status: 'in_progress' } }))
				).bytes.toString('utf8'),
			).records;
			expect(projects.map((r) => r.values.name)).toEqual([projectA.name]);
		});

		it('serves an export for every family with /exports, each with all its records', async () => {
			for (const family of [
				'leads',
				'projects',
				'bids',
				'pay-apps',
				'change-orders',
				'site-logs',
				'time-entries',
				'products',
				'documents',
			]) {
				sandbox.seedFamily(family, 4);
				const id = await start(`/${family}/exports`);
				const job = await waitJob(id);
				expect(job).toMatchObject({ status: 'succeeded', resourceType: family });
				const table = parseCsv((await download(id)).bytes.toString('utf8'));
				expect(table.header[0]).toBe('id');
				expect(table.header).toEqual(expect.arrayContaining(['createdAt', 'updatedAt']));
				expect(table.records.length).toBe(job.result.rowCount);
				expect(table.records.length).toBeGreaterThanOrEqual(4);
			}
		});

		it('fails the job (not the request) on a bad filter, and has nothing to download', async () => {
			const id = await start('/contacts/exports', { filters: { dateFrom: 'yesterday-ish' } });
			const job = await waitJob(id);
			expect(job.status).toBe('failed');
			expect(job.errorMessage).toMatch(/dateFrom/);
			const res = await redirectOf(`/jobs/${id}/download`);
			expect(res.status).toBe(409);
		});

		it('needs the family read scope and jobs:write', async () => {
			const res = await client.call('POST', '/contacts/exports', {
				body: {},
				key: sandbox.keys.readOnly,
			});
			expect(res.status).toBe(403);
			expect(res.body).toMatchObject({ code: 'scope_insufficient', required_scope: 'jobs:write' });
		});
	});

	describe('the /jobs routes', () => {
		it('lists the tenant jobs with filters and cursor pages; other tenants see none of them', async () => {
			sandbox.seed(3);
			const a = await start('/contacts/exports');
			const b = await start('/contacts/bulk', { operation: 'delete', ids: [1] });
			const c = await start('/contacts/exports');
			const all = await client.call('GET', '/jobs', { query: { limit: 2 } });
			expect(all.body.data.map((j: Json) => j.id)).toEqual([a, b]);
			expect(all.body.meta.pagination).toMatchObject({ has_more: true, count: 2 });
			const next = await client.call('GET', '/jobs', {
				query: { limit: 2, cursor: all.body.meta.pagination.cursor },
			});
			expect(next.body.data.map((j: Json) => j.id)).toEqual([c]);
			expect(next.body.meta.pagination).toEqual({ cursor: null, has_more: false, count: 1 });
			expect(
				(await client.call('GET', '/jobs', { query: { type: 'bulk' } })).body.data.map(
					(j: Json) => j.id,
				),
			).toEqual([b]);
			expect(
				(
					await client.call('GET', '/jobs', {
						query: { status: 'succeeded', resourceType: 'contacts', type: 'export' },
					})
				).body.data,
			).toHaveLength(2);
			expect(
				(await client.call('GET', '/jobs', { key: sandbox.keys.otherTenant })).body.data,
			).toEqual([]);
			expect(
				(await client.call('GET', `/jobs/${a}`, { key: sandbox.keys.otherTenant })).status,
			).toBe(404);
		});

		it('answers 404 for an unknown job on every job route', async () => {
			expect((await client.call('GET', '/jobs/job_000000000000000000000000')).status).toBe(404);
			expect((await client.call('POST', '/jobs/job_000000000000000000000000/cancel')).status).toBe(
				404,
			);
			expect((await client.call('DELETE', '/jobs/nope')).status).toBe(404);
			expect((await client.call('GET', '/jobs/nope/download')).status).toBe(404);
			expect((await client.call('GET', '/jobs/nope/errors')).status).toBe(404);
		});

		it('soft-deletes a job: 204, then 404 and gone from the list', async () => {
			const id = await start('/contacts/exports');
			expect((await client.call('DELETE', `/jobs/${id}`)).status).toBe(204);
			expect((await client.call('GET', `/jobs/${id}`)).status).toBe(404);
			expect((await client.call('GET', '/jobs')).body.data).toEqual([]);
		});

		it('queues, runs with rising progress, then ends after the configured duration', async () => {
			sandbox.seed(100);
			sandbox.setJobs({ durationMs: 600 });
			const id = await start('/contacts/exports');
			expect((await getJob(id)).status).toBe('queued');
			expect((await getJob(id)).startedAt).toBeNull();
			await sleep(350);
			const running = await getJob(id);
			expect(running.status).toBe('running');
			expect(running.progress.processed).toBeGreaterThan(0);
			expect(running.progress.processed).toBeLessThan(100);
			expect(running.result).toBeNull();
			expect((await client.call('GET', `/jobs/${id}/download`)).status).toBe(409);
			await sleep(400);
			const done = await getJob(id);
			expect(done).toMatchObject({ status: 'succeeded', progress: { processed: 100, total: 100 } });
			expect(Date.parse(done.completedAt) - Date.parse(done.createdAt)).toBeGreaterThanOrEqual(600);
		});

		it('sends Retry-After on a job that has not ended, only when the control asks for it', async () => {
			sandbox.setJobs({ durationMs: 300 });
			const quiet = await start('/contacts/exports');
			expect((await client.call('GET', `/jobs/${quiet}`)).headers.get('retry-after')).toBeNull();
			sandbox.setJobs({ durationMs: 300, retryAfterSeconds: 2 });
			const polite = await start('/contacts/exports');
			expect((await client.call('GET', `/jobs/${polite}`)).headers.get('retry-after')).toBe('2');
			await sleep(350);
			expect((await client.call('GET', `/jobs/${polite}`)).headers.get('retry-after')).toBeNull();
		});

		it('cancels a running job (its work never happens); an ended job answers 409', async () => {
			sandbox.seed(5);
			sandbox.setJobs({ durationMs: 500 });
			const id = await start('/contacts/bulk', {
				operation: 'delete',
				ids: sandbox.contacts().map((c) => c.id),
			});
			const cancelled = await okData(client.call('POST', `/jobs/${id}/cancel`));
			expect(cancelled).toMatchObject({ id, status: 'cancelled' });
			expect(cancelled.completedAt).not.toBeNull();
			const again = await client.call('POST', `/jobs/${id}/cancel`);
			expect(again.status).toBe(409);
			expect(again.body.code).toBe('conflict');
			await sleep(600);
			expect((await getJob(id)).status).toBe('cancelled');
			expect(sandbox.contacts()).toHaveLength(5);
			expect((await client.call('GET', `/jobs/${id}/download`)).status).toBe(409);
		});

		it('fails jobs on demand with the control message, with no errors file', async () => {
			sandbox.setJobs({ outcome: 'failed', errorMessage: 'Storage quota exceeded' });
			const id = await start('/contacts/exports');
			expect(await waitJob(id)).toMatchObject({
				status: 'failed',
				errorMessage: 'Storage quota exceeded',
				result: null,
			});
			expect((await client.call('GET', `/jobs/${id}/errors`)).status).toBe(404);
		});

		it('checks the control values', async () => {
			const res = await fetch(`${sandbox.url}/__sandbox/jobs`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ outcome: 'sometimes' }),
			});
			expect(res.status).toBe(400);
			const ok = await fetch(`${sandbox.url}/__sandbox/jobs`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ durationMs: 50 }),
			});
			expect(((await ok.json()) as Json).data).toMatchObject({
				durationMs: 50,
				outcome: 'auto',
				retryAfterSeconds: null,
				signedUrlTtlSeconds: 300,
			});
		});
	});

	describe('bulk', () => {
		it('deletes, then restores, contacts by id; unknown ids make the job partial with row errors', async () => {
			sandbox.seed(5);
			const ids = sandbox.contacts().map((c) => c.id);
			const id = await start('/contacts/bulk', {
				operation: 'delete',
				ids: [ids[0], ids[1], 99_999],
			});
			const job = await waitJob(id);
			expect(job).toMatchObject({
				status: 'partial',
				type: 'bulk',
				result: { operation: 'delete', total: 3, succeeded: 2, failed: 1 },
				progress: { processed: 3, total: 3, errorsCount: 1 },
			});
			expect(job.errorMessage).toMatch(/1 of 3 ids failed/);
			expect(sandbox.contacts().map((c) => c.id)).toEqual(ids.slice(2));
			const errors = parseCsv((await download(id, 'errors')).bytes.toString('utf8'));
			expect(errors.header).toEqual(['row', 'id', 'field', 'code', 'message']);
			expect(errors.records.map((r) => r.values)).toEqual([
				{
					row: '3',
					id: '99999',
					field: '',
					code: 'not_found',
					message: 'Contact 99999 not found.',
				},
			]);
			expect((await client.call('GET', `/jobs/${id}/download`)).status).toBe(404);

			expect(
				await waitJob(
					await start('/contacts/bulk', { operation: 'restore', ids: [ids[1], ids[0]] }),
				),
			).toMatchObject({ status: 'succeeded' });
			expect(sandbox.contacts().map((c) => c.id)).toEqual(ids);
			expect((await client.call('GET', '/contacts/count')).body.data.total).toBe(5);
		});

		it('works for engine families and keeps restored records listable in id order', async () => {
			const p = [
				await created(client, '/projects', { name: 'A' }),
				await created(client, '/projects', { name: 'B' }),
				await created(client, '/projects', { name: 'C' }),
			];
			await waitJob(
				await start('/projects/bulk', { operation: 'delete', ids: [p[0].id, p[1].id] }),
			);
			expect((await client.call('GET', '/projects')).body.data.map((x: Json) => x.id)).toEqual([
				p[2].id,
			]);
			await waitJob(
				await start('/projects/bulk', { operation: 'restore', ids: [p[1].id, p[0].id] }),
			);
			expect((await client.call('GET', '/projects')).body.data.map((x: Json) => x.id)).toEqual(
				p.map((x) => x.id),
			);
		});

		it('rejects an invalid body with 422 (at most 500 ids, a known operation)', async () => {
			await expectInvalid(
				client.call('POST', '/contacts/bulk', {
					body: { operation: 'delete', ids: Array.from({ length: 501 }, (_, i) => i + 1) },
				}),
				{ ids: 'invalid_length' },
			);
			await expectInvalid(
				client.call('POST', '/contacts/bulk', { body: { operation: 'archive', ids: [1] } }),
				{ operation: 'invalid_enum' },
			);
			await expectInvalid(client.call('POST', '/leads/bulk', { body: {} }), {
				operation: 'required',
				ids: 'required',
			});
			expect(
				(
					await start('/contacts/bulk', {
						operation: 'delete',
						ids: Array.from({ length: 500 }, (_, i) => i + 1),
					})
				).length,
			).toBeGreaterThan(0);
		});

		it('rejects the last id with the partial outcome control', async () => {
			sandbox.seed(3);
			sandbox.setJobs({ outcome: 'partial' });
			const ids = sandbox.contacts().map((c) => c.id);
			const job = await waitJob(await start('/contacts/bulk', { operation: 'delete', ids }));
			expect(job).toMatchObject({ status: 'partial', result: { succeeded: 2, failed: 1 } });
			expect(sandbox.contacts().map((c) => c.id)).toEqual([ids[2]]);
		});
	});

	describe('imports', () => {
		it('creates contacts from an uploaded CSV with a column mapping', async () => {
			const csv =
				'First,Last,E-mail,Kind\r\nAna,Lopez,ana@example.com,customer\r\n"O\'Neil, Pat",Ray,,vendor\r\n';
			const sourcePath = await uploadCsv(csv);
			const id = await start('/contacts/imports', {
				sourcePath,
				mapping: { First: 'firstName', Last: 'lastName', 'E-mail': 'email', Kind: 'type' },
			});
			const job = await waitJob(id);
			expect(job).toMatchObject({
				type: 'import',
				status: 'succeeded',
				result: { total: 2, created: 2, updated: 0, failed: 0 },
				progress: { processed: 2, total: 2, errorsCount: 0 },
			});
			expect(contactRows()).toEqual([
				{ firstName: 'Ana', lastName: 'Lopez', email: 'ana@example.com', type: 'customer' },
				{ firstName: "O'Neil, Pat", lastName: 'Ray', email: null, type: 'vendor' },
			]);
			expect((await client.call('GET', `/jobs/${id}/download`)).status).toBe(404);
			expect((await client.call('GET', `/jobs/${id}/errors`)).status).toBe(404);
		});

		it('maps columns named like fields when the mapping is empty, ignoring read-only ones', async () => {
			const sourcePath = await uploadCsv(
				'id,firstName,email,type,createdAt\n7,Bo,bo@example.com,architect,2020-01-01\n',
			);
			expect(
				await waitJob(await start('/contacts/imports', { sourcePath, mapping: {} })),
			).toMatchObject({ status: 'succeeded', result: { created: 1 } });
			const [bo] = sandbox.contacts();
			expect(bo).toMatchObject({ firstName: 'Bo', email: 'bo@example.com', type: 'architect' });
			expect(bo.id).not.toBe(7);
			expect(bo.createdAt).not.toMatch(/^2020/);
		});

		it('lists the rows that fail validation (partial), with their row numbers', async () => {
			const sourcePath = await uploadCsv(
				'firstName,email,type\nAna,ana@example.com,customer\nBen,not-an-email,customer\nCy,cy@example.com,alien\nDee,,supplier\n',
			);
			const id = await start('/contacts/imports', { sourcePath, mapping: {} });
			const job = await waitJob(id);
			expect(job).toMatchObject({
				status: 'partial',
				result: { total: 4, created: 2, failed: 2 },
				progress: { errorsCount: 2 },
			});
			expect(job.errorMessage).toMatch(/2 of 4 rows failed/);
			const errors = parseCsv((await download(id, 'errors')).bytes.toString('utf8')).records.map(
				(r) => r.values,
			);
			expect(errors).toEqual([
				{ row: '2', id: '', field: 'email', code: 'invalid_format', message: expect.any(String) },
				{ row: '3', id: '', field: 'type', code: 'invalid_enum', message: expect.any(String) },
			]);
			expect(sandbox.contacts().map((c) => c.firstName)).toEqual(['Ana', 'Dee']);
		});

		it('fails when every row fails, and when the CSV cannot be parsed', async () => {
			const bad = await waitJob(
				await start('/contacts/imports', {
					sourcePath: await uploadCsv('firstName,type\nA,alien\nB,alien\n'),
					mapping: {},
				}),
			);
			expect(bad).toMatchObject({ status: 'failed', result: { created: 0, failed: 2 } });
			expect(bad.errorMessage).toMatch(/All 2 rows failed/);
			const broken = await waitJob(
				await start('/contacts/imports', {
					sourcePath: await uploadCsv('firstName,type\n"A,customer\n'),
					mapping: {},
				}),
			);
			expect(broken.status).toBe('failed');
			expect(broken.errorMessage).toMatch(/Unterminated quoted field/);
		});

		it('updates in place the rows whose id names a record', async () => {
			sandbox.seed(2);
			const second = sandbox.contacts()[1].id;
			const sourcePath = await uploadCsv(
				`id,firstName,type\n${second},Renamed,customer\n,Fresh,vendor\n99999,Ghost,vendor\n`,
			);
			const job = await waitJob(
				await start('/contacts/imports', { sourcePath, mapping: {}, updateInPlace: true }),
			);
			expect(job).toMatchObject({
				status: 'partial',
				result: { total: 3, created: 1, updated: 1, failed: 1 },
			});
			expect(sandbox.contacts().find((c) => c.id === second)).toMatchObject({
				firstName: 'Renamed',
				type: 'customer',
			});
			expect(sandbox.contacts().map((c) => c.firstName)).toContain('Fresh');
			expect(sandbox.jobs()[0].rowErrors).toEqual([
				{ row: 3, id: 99999, field: null, code: 'not_found', message: 'Contact 99999 not found.' },
			]);
		});

		it('imports engine families with typed values (integers, decimals, booleans)', async () => {
			const sourcePath = await uploadCsv(
				'name,sku,sellPrice,isActive,categoryId\nDrywall sheet,DW-1,12.50,false,4\nScrews,SC-1,abc,true,\n',
			);
			const job = await waitJob(await start('/products/imports', { sourcePath, mapping: {} }));
			expect(job).toMatchObject({ status: 'partial', result: { created: 1, failed: 1 } });
			expect(sandbox.jobs()[0].rowErrors).toEqual([
				expect.objectContaining({ row: 2, field: 'sellPrice', code: 'invalid_format' }),
			]);
			const list = await okData(client.call('GET', '/products'));
			expect(list).toEqual([
				expect.objectContaining({
					name: 'Drywall sheet',
					sku: 'DW-1',
					sellPrice: '12.50',
					isActive: false,
					categoryId: 4,
				}),
			]);
		});

		it('rejects with 422 a missing or foreign sourcePath, one not uploaded yet, and mappings to unknown fields', async () => {
			await expectInvalid(client.call('POST', '/contacts/imports', { body: {} }), {
				sourcePath: 'required',
				mapping: 'required',
			});
			await expectInvalid(
				client.call('POST', '/contacts/imports', {
					body: { sourcePath: 'uploads/made-up.csv', mapping: {} },
				}),
				{ sourcePath: 'not_found' },
			);
			const reserved = (await client.call('POST', '/jobs/uploads', { body: {} })).body.data
				.sourcePath;
			await expectInvalid(
				client.call('POST', '/contacts/imports', { body: { sourcePath: reserved, mapping: {} } }),
				{ sourcePath: 'not_uploaded' },
			);
			const sourcePath = await uploadCsv('a\n1\n');
			await expectInvalid(
				client.call('POST', '/contacts/imports', {
					body: { sourcePath, mapping: { a: 'shoeSize' } },
				}),
				{ 'mapping.a': 'invalid_enum' },
			);
			await expectInvalid(
				client.call('POST', '/contacts/imports', {
					body: { sourcePath, mapping: {} },
					key: sandbox.keys.otherTenant,
				}),
				{ sourcePath: 'not_found' },
			);
			await expectInvalid(
				client.call('POST', '/jobs/uploads', { body: { contentType: 'application/pdf' } }),
				{ contentType: 'invalid_enum' },
			);
		});
	});

	describe('PDFs', () => {
		it('renders bids, pay apps and change orders as PDF jobs with the record number as file name', async () => {
			const project = await created(client, '/projects', { name: 'Riverside' });
			const records: Array<[string, Json, string]> = [
				['bids', await created(client, '/bids', { name: 'Kitchen remodel' }), 'bidNumber'],
				[
					'pay-apps',
					await created(client, '/pay-apps', { projectId: project.id, periodEnd: '2024-05-31' }),
					'payAppNumber',
				],
				[
					'change-orders',
					await created(client, '/change-orders', {
						projectId: project.id,
						title: 'Extra outlets',
						reason: 'owner_request',
					}),
					'changeOrderNumber',
				],
			];
			for (const [family, record, numberField] of records) {
				const id = await start(`/${family}/${record.id}/pdf`);
				const job = await waitJob(id);
				const noun = { bids: 'bid', 'pay-apps': 'pay-app', 'change-orders': 'change-order' }[
					family
				];
				const fileName = `${noun}-${record[numberField]}.pdf`;
				expect(job).toMatchObject({
					type: 'pdf',
					resourceType: family,
					status: 'succeeded',
					params: { id: record.id },
					result: { recordId: record.id, fileName, contentType: 'application/pdf' },
				});
				const file = await download(id);
				expect(file.type).toBe('application/pdf');
				expect(file.disposition).toBe(`attachment; filename="${fileName}"`);
				expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
				expect(file.bytes.toString('latin1')).toContain(String(record[numberField]));
				expect(file.bytes.length).toBe(job.result.byteSize);
			}
		});

		it('answers 404 for a missing record (before any job) and needs jobs:write', async () => {
			expect((await client.call('POST', '/bids/999/pdf')).status).toBe(404);
			expect((await client.call('POST', '/bids/abc/pdf')).status).toBe(400);
			expect((await client.call('GET', '/jobs')).body.data).toEqual([]);
			const bid = await created(client, '/bids', { name: 'X' });
			const res = await client.call('POST', `/bids/${bid.id}/pdf`, { key: 'bwp_test_bids_read' });
			expect(res.status).toBe(403);
			expect(res.body.required_scope).toBe('jobs:write');
		});

		it('streams an invoice PDF directly with its type and file name', async () => {
			sandbox.seedFamily('invoices', 1);
			sandbox.setRateLimit({ enabled: true, keyLimit: 1000, tenantBudget: 10_000 });
			const invoice = (await okData(client.call('GET', '/invoices')))[0];
			const res = await fetch(`${sandbox.baseUrl}/invoices/${invoice.id}/pdf`, {
				headers: { authorization: `Bearer ${sandbox.keys.full}` },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			expect(res.headers.get('content-disposition')).toBe(
				`attachment; filename="invoice-${invoice.invoiceNumber}.pdf"`,
			);
			const bytes = Buffer.from(await res.arrayBuffer());
			expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
			expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
			expect((await client.call('GET', '/invoices/999/pdf')).status).toBe(404);
			const costly = await fetch(`${sandbox.baseUrl}/invoices/${invoice.id}/pdf`, {
				headers: { authorization: `Bearer ${sandbox.keys.full}` },
			});
			// 50 units each: the 404 above and this one.
			expect(Number(costly.headers.get('ratelimit-tenant-remaining'))).toBe(
				Number(res.headers.get('ratelimit-tenant-remaining')) - 100,
			);
			sandbox.setRateLimit({ enabled: false });
		});
	});

	it('replays a job creation with the same Idempotency-Key (one job)', async () => {
		const key = crypto.randomUUID();
		const first = await client.call('POST', '/contacts/exports', {
			body: {},
			headers: { 'idempotency-key': key },
		});
		const second = await client.call('POST', '/contacts/exports', {
			body: {},
			headers: { 'idempotency-key': key },
		});
		expect(second.body.data.job_id).toBe(first.body.data.job_id);
		expect(sandbox.jobs()).toHaveLength(1);
	});

	it('never lets a credential reach the storage listener in these flows', async () => {
		sandbox.seed(2);
		await download(await start('/contacts/exports'));
		await uploadCsv('firstName,type\nA,customer\n');
		const log = sandbox.storageLog();
		expect(log.length).toBe(2);
		expect(log.every((e) => !e.authorization && !e.credential && e.status === 200)).toBe(true);
	});
});
