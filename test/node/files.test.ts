/**
 * PDFs as n8n binary data, through n8n-core's engine against the sandbox: the asynchronous ones
 * (bid, pay app, change order: a job, then a signed URL on the storage host) and the streamed
 * invoice PDF; and the safety rules for signed URLs: the storage host never sees a BuildWorkPro
 * credential, and a signed URL never shows up in what the user (or a log) sees.
 */
import {
	createServer,
	request as httpRequest,
	type IncomingHttpHeaders,
	type Server,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IBinaryData } from 'n8n-workflow';

import { parseCsv } from '../../sandbox/csv';
import { apiRequests, runResource, sandboxApi, serializedError, useSandbox } from './support';

const env = useSandbox();

const api = sandboxApi(env);

beforeEach(() => {
	env.sandbox.reset();
	env.sandbox.clearRequestLog();
	env.sandbox.clearStorageLog();
});

/** What every download must leave behind: the storage host was asked, and never with a BuildWorkPro credential. */
async function expectStorageSawNoCredential(minimumRequests = 1) {
	const seen = env.sandbox.storageLog();
	expect(seen.length).toBeGreaterThanOrEqual(minimumRequests);
	for (const entry of seen) {
		expect({
			path: entry.path,
			authorization: entry.authorization,
			credential: entry.credential,
		}).toEqual({ path: entry.path, authorization: false, credential: false });
		expect(entry.headerNames).not.toContain('authorization');
	}
}

/** The bytes a job's download points to, fetched the way the docs describe (302, then the signed URL without credentials). */
async function artifactOf(
	jobId: string,
): Promise<{ bytes: Buffer; disposition: string | null; type: string | null }> {
	const redirect = await fetch(`${env.sandbox.baseUrl}/jobs/${jobId}/download`, {
		headers: { authorization: `Bearer ${env.sandbox.keys.full}` },
		redirect: 'manual',
	});
	expect(redirect.status).toBe(302);
	const file = await fetch(redirect.headers.get('location')!);
	return {
		bytes: Buffer.from(await file.arrayBuffer()),
		disposition: file.headers.get('content-disposition'),
		type: file.headers.get('content-type'),
	};
}

function binaryOf(
	result: Awaited<ReturnType<typeof runResource>>,
	field = 'data',
): { meta: IBinaryData; bytes: Buffer } {
	const meta = result.items[0]?.binary?.[field];
	expect(meta).toBeDefined();
	return { meta: meta!, bytes: Buffer.from(meta!.data, 'base64') };
}

function expectPdf(bytes: Buffer) {
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
}

async function bid() {
	return (await api('POST', '/bids', { name: 'Cedar Park slab' })) as {
		id: number;
		bidNumber: string;
	};
}

async function project() {
	return (await api('POST', '/projects', { name: 'Riverside office build-out' })) as { id: number };
}

describe('Download PDF (asynchronous: a job, then a signed URL)', () => {
	it('Bid → Download PDF outputs the bid ID and the exact PDF with the server file name and type, the storage host seeing no credential', async () => {
		const { id, bidNumber } = await bid();
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
		});

		expect(result.error).toBeUndefined();
		const { meta, bytes } = binaryOf(result);
		expectPdf(bytes);
		const json = result.json[0];
		expect(json).toEqual({
			id,
			jobId: expect.stringMatching(/^job_/),
			fileName: `bid-${bidNumber}.pdf`,
			mimeType: 'application/pdf',
			bytes: bytes.length,
		});
		expect(meta).toEqual(
			expect.objectContaining({ fileName: `bid-${bidNumber}.pdf`, mimeType: 'application/pdf' }),
		);
		// The documented sequence: start the job, look at it, ask for the download (redirect not followed).
		const calls = apiRequests(env.sandbox).map(
			(entry) => `${entry.method} ${entry.path.replace(/job_\w+/, '{job}')} ${entry.status}`,
		);
		expect(calls).toEqual([
			`POST /api/v1/bids/${id}/pdf 202`,
			'GET /api/v1/jobs/{job} 200',
			'GET /api/v1/jobs/{job}/download 302',
		]);
		await expectStorageSawNoCredential(1);

		const artifact = await artifactOf(String(json.jobId));
		expect(bytes.equals(artifact.bytes)).toBe(true);
		expect(artifact.disposition).toContain(`bid-${bidNumber}.pdf`);
	});

	it('Pay App and Change Order → Download PDF give their own PDFs, in the binary field chosen', async () => {
		const { id: projectId } = await project();
		const payApp = (await api('POST', '/pay-apps', {
			projectId,
			contractSum: '250000.00',
			retainagePercent: '10',
		})) as { id: number; payAppNumber: string };
		const changeOrder = (await api('POST', '/change-orders', {
			projectId,
			title: 'Extra steel lintels',
			reason: 'design_change',
		})) as { id: number; changeOrderNumber: string };

		const payAppPdf = await runResource(env.sandbox, 'payApp', {
			operation: 'downloadPdf',
			payAppId: String(payApp.id),
			binaryPropertyName: 'payApplication',
		});
		const changeOrderPdf = await runResource(env.sandbox, 'changeOrder', {
			operation: 'downloadPdf',
			changeOrderId: String(changeOrder.id),
		});

		expect(payAppPdf.error).toBeUndefined();
		expect(changeOrderPdf.error).toBeUndefined();
		const first = binaryOf(payAppPdf, 'payApplication');
		expect(payAppPdf.items[0].binary?.data).toBeUndefined();
		expectPdf(first.bytes);
		expect(first.bytes.equals((await artifactOf(String(payAppPdf.json[0].jobId))).bytes)).toBe(
			true,
		);
		expect(payAppPdf.json[0]).toEqual(
			expect.objectContaining({
				id: payApp.id,
				mimeType: 'application/pdf',
				fileName: expect.stringContaining(payApp.payAppNumber),
			}),
		);
		const second = binaryOf(changeOrderPdf);
		expectPdf(second.bytes);
		expect(
			second.bytes.equals((await artifactOf(String(changeOrderPdf.json[0].jobId))).bytes),
		).toBe(true);
		expect(changeOrderPdf.json[0]).toEqual(
			expect.objectContaining({
				id: changeOrder.id,
				fileName: expect.stringContaining(changeOrder.changeOrderNumber),
			}),
		);
		await expectStorageSawNoCredential(4);
	});

	it('Without Wait for Completion, outputs the job ID and status URL at once and downloads nothing', async () => {
		const { id } = await bid();
		env.sandbox.setJobs({ durationMs: 60_000 });
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
			waitForCompletion: false,
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].binary).toBeUndefined();
		expect(result.json).toEqual([
			{
				id,
				jobId: expect.stringMatching(/^job_/),
				statusUrl: expect.stringMatching(/\/jobs\/job_/),
			},
		]);
		expect(apiRequests(env.sandbox).map((entry) => entry.method)).toEqual(['POST']);
		expect(env.sandbox.storageLog()).toEqual([]);
	});

	it('A bid that does not exist fails with the 404, and no job is waited for', async () => {
		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: '999999',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
		expect(apiRequests(env.sandbox).map((entry) => entry.method)).toEqual(['POST']);
	});

	it("A failed PDF job is an error carrying the job's message; under Continue On Fail an error item", async () => {
		const { id } = await bid();
		env.sandbox.setJobs({
			outcome: 'failed',
			errorMessage: 'The PDF template of this account is broken.',
		});

		const failed = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
		});
		expect(failed.error?.message).toMatch(
			/^BuildWorkPro job job_\w+ \(the PDF of bid \d+\) failed: The PDF template of this account is broken\.$/,
		);
		expect(failed.error?.description).toMatch(/Status: failed/);

		const continued = await runResource(
			env.sandbox,
			'bid',
			{ operation: 'downloadPdf', bidId: String(id) },
			{ settings: { onError: 'continueRegularOutput' } },
		);
		expect(continued.error).toBeUndefined();
		expect(continued.items[0].error?.message).toMatch(/The PDF template of this account is broken/);
		expect(continued.items[0].binary).toBeUndefined();
	});
});

describe('Download PDF (streamed: Invoice)', () => {
	async function invoice() {
		const contact = (await api('POST', '/contacts', {
			type: 'customer',
			companyName: 'Harbor View Dental',
		})) as { id: number };
		const { id: projectId } = (await api('POST', '/projects', {
			name: 'Harbor View clinic',
			contactId: contact.id,
		})) as { id: number };
		return (await api('POST', '/invoices', {
			invoice: {
				projectId,
				contactId: contact.id,
				issueDate: '2026-03-01T00:00:00.000Z',
				dueDate: '2026-03-31T00:00:00.000Z',
			},
			lines: [{ description: 'Progress billing, March', quantity: '1', unitPrice: '4500.00' }],
		})) as { id: number; invoiceNumber: string };
	}

	it('outputs the invoice ID and the exact PDF BuildWorkPro streams, with its file name and type', async () => {
		const { id, invoiceNumber } = await invoice();
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'downloadPdf',
			invoiceId: String(id),
		});

		expect(result.error).toBeUndefined();
		expect(
			apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
		).toEqual([`GET /api/v1/invoices/${id}/pdf 200`]);
		const { meta, bytes } = binaryOf(result);
		expectPdf(bytes);
		const direct = await fetch(`${env.sandbox.baseUrl}/invoices/${id}/pdf`, {
			headers: { authorization: `Bearer ${env.sandbox.keys.full}` },
		});
		expect(bytes.equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
		const fileName = /filename="([^"]+)"/.exec(
			direct.headers.get('content-disposition') ?? '',
		)?.[1];
		expect(fileName).toContain(invoiceNumber);
		expect(result.json).toEqual([
			{ id, fileName, mimeType: 'application/pdf', bytes: bytes.length },
		]);
		expect(meta).toEqual(expect.objectContaining({ fileName, mimeType: 'application/pdf' }));
	});

	it('names the file <resource>-<number>.pdf from the record when the server sends no file name', async () => {
		const { id, invoiceNumber } = await invoice();
		const anonymous = await startHeaderRewriter(env.sandbox.baseUrl, (headers) => {
			delete headers['content-disposition'];
		});
		try {
			env.sandbox.clearRequestLog();
			const result = await runResource(
				env.sandbox,
				'invoice',
				{ operation: 'downloadPdf', invoiceId: String(id) },
				{ baseUrl: anonymous.url },
			);

			expect(result.error).toBeUndefined();
			expect(result.json[0]).toEqual(
				expect.objectContaining({
					id,
					fileName: `invoice-${invoiceNumber}.pdf`,
					mimeType: 'application/pdf',
				}),
			);
			expect(binaryOf(result).meta.fileName).toBe(`invoice-${invoiceNumber}.pdf`);
			expect(apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
				`GET /api/v1/invoices/${id}/pdf`,
				`GET /api/v1/invoices/${id}`,
			]);
		} finally {
			await anonymous.close();
		}
	});

	it("an invoice that does not exist fails with BuildWorkPro's 404 (read from the problem details, not shown as bytes)", async () => {
		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'downloadPdf',
			invoiceId: '999999',
		});

		expect(result.error?.description).toContain('HTTP status: 404');
		expect(result.error?.description).toContain('Code: not_found');
		expect(result.error?.message).toMatch(/not found/i);
	});

	it('an Invoice ID that is no number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'invoice', {
			operation: 'downloadPdf',
			invoiceId: 'INV-1',
		});

		expect(result.error?.message).toBe(
			'Invoice ID must be a positive whole number, but it is "INV-1"',
		);
		expect(apiRequests(env.sandbox)).toEqual([]);
	});
});

interface Refs {
	userId: number;
	stageId: number;
	projectId: number;
}

describe('Export (CSV as binary data)', () => {
	it('Contact → Export hands over the CSV of every contact in one job, with a handful of requests instead of pages', async () => {
		env.sandbox.seed(250);
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'contact', { operation: 'export' });

		expect(result.error).toBeUndefined();
		const { meta, bytes } = binaryOf(result);
		const table = parseCsv(bytes.toString('utf8'));
		expect(table.header).toEqual(
			expect.arrayContaining(['id', 'firstName', 'lastName', 'companyName', 'email', 'type']),
		);
		const expected = env.sandbox.contacts();
		expect(expected).toHaveLength(250);
		expect(table.records.map((record) => Number(record.values.id)).sort((a, b) => a - b)).toEqual(
			expected.map((contact) => contact.id).sort((a, b) => a - b),
		);
		const first = expected[0];
		expect(table.records.find((record) => Number(record.values.id) === first.id)?.values).toEqual(
			expect.objectContaining({ email: first.email ?? '', type: first.type }),
		);
		expect(result.json).toEqual([
			{
				jobId: expect.stringMatching(/^job_/),
				rowCount: 250,
				fileName: expect.stringMatching(/\.csv$/),
				mimeType: 'text/csv',
				bytes: bytes.length,
			},
		]);
		expect(meta.mimeType).toBe('text/csv');
		expect(
			apiRequests(env.sandbox).map(
				(entry) => `${entry.method} ${entry.path.replace(/job_\w+/, '{job}')}`,
			),
		).toEqual([
			'POST /api/v1/contacts/exports',
			'GET /api/v1/jobs/{job}',
			'GET /api/v1/jobs/{job}/download',
		]);
		expect(apiRequests(env.sandbox, 'POST')[0].body).toEqual({ filters: {} });
		await expectStorageSawNoCredential(1);
	});

	it.each([
		[
			'lead',
			'/leads',
			(refs: Refs) => ({ name: 'Storefront glazing lead', stageId: refs.stageId }),
		],
		['project', '/projects', () => ({ name: 'Harbor View clinic' })],
		['bid', '/bids', () => ({ name: 'Cedar Park slab' })],
		[
			'payApp',
			'/pay-apps',
			(refs: Refs) => ({
				projectId: refs.projectId,
				contractSum: '250000.00',
				retainagePercent: '10',
			}),
		],
		[
			'changeOrder',
			'/change-orders',
			(refs: Refs) => ({
				projectId: refs.projectId,
				title: 'Extra steel lintels',
				reason: 'design_change',
			}),
		],
		[
			'siteLog',
			'/site-logs',
			(refs: Refs) => ({
				projectId: refs.projectId,
				logDate: '2026-03-02',
				notes: 'Poured footings on grid A',
				createdBy: refs.userId,
			}),
		],
		[
			'timeEntry',
			'/time-entries',
			(refs: Refs) => ({
				projectId: refs.projectId,
				userId: refs.userId,
				date: '2026-03-02',
				hours: 8,
			}),
		],
		['product', '/products', () => ({ name: 'Drywall sheet 4x8' })],
	])('%s → Export hands over the CSV of every record of %s', async (resource, path, body) => {
		const refs: Refs = {
			userId: ((await api('GET', '/users')) as Array<{ id: number }>)[0].id,
			stageId: ((await api('GET', '/lead-stages')) as Array<{ id: number }>)[0].id,
			projectId: (
				(await api('POST', '/projects', { name: 'Riverside office build-out' })) as { id: number }
			).id,
		};
		for (let n = 0; n < 3; n++) await api('POST', path, body(refs));
		const expected = ((await api('GET', `${path}?limit=100`)) as Array<{ id: number }>)
			.map((record) => record.id)
			.sort((a, b) => a - b);
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, resource, { operation: 'export' });

		expect(result.error).toBeUndefined();
		const table = parseCsv(binaryOf(result).bytes.toString('utf8'));
		expect(table.records.map((record) => Number(record.values.id)).sort((a, b) => a - b)).toEqual(
			expected,
		);
		expect(result.json[0]).toEqual(
			expect.objectContaining({ rowCount: expected.length, mimeType: 'text/csv' }),
		);
		expect(
			apiRequests(env.sandbox, 'POST').map(
				(entry) => `${entry.path} ${JSON.stringify(entry.body)}`,
			),
		).toEqual([`/api/v1${path}/exports {"filters":{}}`]);
		await expectStorageSawNoCredential(1);
	});

	it("sends Get Many's filters in the export's body, dates as UTC timestamps, and the CSV holds only the matches", async () => {
		await api('POST', '/contacts', { type: 'customer', companyName: 'Harbor View Dental' });
		await api('POST', '/contacts', { type: 'vendor', companyName: 'Lone Star Lumber' });
		await api('POST', '/contacts', { type: 'customer', firstName: 'Ann', lastName: 'Lee' });
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'contact', {
			operation: 'export',
			filters: { type: 'customer', dateFrom: '2020-01-01T00:00:00', search: '' },
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(env.sandbox, 'POST')[0].body).toEqual({
			filters: { type: 'customer', dateFrom: '2020-01-01T00:00:00.000Z' },
		});
		const table = parseCsv(binaryOf(result).bytes.toString('utf8'));
		expect(table.records.map((record) => record.values.type)).toEqual(['customer', 'customer']);
	});
});

/** A proxy in front of the sandbox's API that rewrites the headers of its answers. */
async function startHeaderRewriter(
	target: string,
	rewrite: (headers: IncomingHttpHeaders) => void,
): Promise<{ url: string; close(): Promise<void> }> {
	const upstream = new URL(target);
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		const forward = httpRequest(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: upstream.host },
			},
			(answer) => {
				const headers = { ...answer.headers };
				rewrite(headers);
				res.writeHead(answer.statusCode ?? 502, headers);
				answer.pipe(res);
			},
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${upstream.pathname}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Spoils the signature of every signed URL in a `Location` header, so the storage host refuses it (403) as it would an expired link. */
const startSignatureSpoiler = (target: string) =>
	startHeaderRewriter(target, (headers) => {
		if (typeof headers.location === 'string')
			headers.location = headers.location.replace(
				/X-Amz-Signature=[0-9a-f]+/i,
				'X-Amz-Signature=00ff00ff00ff00ff',
			);
	});

describe('Signed URLs are secrets', () => {
	it('a refused download names the storage host and path, never the signature; nor does anything n8n stores', async () => {
		const { id } = await bid();
		const spoiler = await startSignatureSpoiler(env.sandbox.baseUrl);
		try {
			const result = await runResource(
				env.sandbox,
				'bid',
				{ operation: 'downloadPdf', bidId: String(id) },
				{ baseUrl: spoiler.url },
			);

			expect(result.error?.message).toMatch(
				/file storage refused to hand over the PDF of bid \d+ \(HTTP status 403\)/,
			);
			const shown = serializedError(result);
			expect(shown).toContain(env.sandbox.storageUrl);
			expect(shown).toContain('?[redacted]');
			expect(shown).not.toMatch(/X-Amz-(Signature|Date|Expires|Algorithm)/i);
			expect(shown).not.toContain('00ff00ff00ff00ff');
			expect(shown).not.toContain(env.sandbox.keys.full);
		} finally {
			await spoiler.close();
		}
		// Refused for its signature, not for a credential: none was sent.
		const seen = env.sandbox.storageLog();
		expect(seen.map((entry) => entry.status)).toEqual([403]);
		await expectStorageSawNoCredential(1);
	});
});
