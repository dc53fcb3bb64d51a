/**
 * CSV import, through n8n-core's engine against the sandbox: the CSV of an input binary field
 * (as n8n's Convert to File node makes it) → POST /jobs/uploads → PUT to the signed upload URL
 * without credentials → POST /<family>/imports → the finished job with its counts and row errors.
 */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { sourceItemsByExecution } from '../harness/node-types';
import { apiRequests, keyOf, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();
const api = sandboxApi(env);

/**
 * The bytes n8n's Convert to File node (Convert to CSV) produces for items: SheetJS's CSV writer
 * (`json_to_sheet` + `write({ bookType: 'csv', type: 'buffer' })`): a UTF-8 byte order mark, the
 * keys of the items as the header row, rows joined by "\n" without a final line break, a value
 * quoted when it holds a comma, a quote or a line break.
 */
function convertToFileCsv(rows: IDataObject[]): Buffer {
	const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const cell = (value: unknown) => {
		const text = value === undefined || value === null ? '' : String(value);
		return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	const lines = [
		header.map(cell).join(','),
		...rows.map((row) => header.map((name) => cell(row[name])).join(',')),
	];
	return Buffer.from(`\ufeff${lines.join('\n')}`, 'utf8');
}

/** The binary field Convert to File hands on (n8n's default binary mode keeps the bytes inline, base64). */
function csvBinary(bytes: Buffer, fileName = 'spreadsheet.csv'): IBinaryData {
	return {
		data: bytes.toString('base64'),
		mimeType: 'text/csv',
		fileName,
		fileExtension: 'csv',
		fileSize: `${bytes.length} B`,
	};
}

/**
 * The harness's source node emits JSON only; the items of the next run get these binary fields
 * (what the Convert to File node before BuildWorkPro would output).
 */
let binaryForNextRun: Array<Record<string, IBinaryData>> = [];
beforeAll(() => {
	const set = sourceItemsByExecution.set.bind(sourceItemsByExecution);
	jest
		.spyOn(sourceItemsByExecution, 'set')
		.mockImplementation((executionId: string, items: INodeExecutionData[]) =>
			set(
				executionId,
				items.map((item, index) =>
					binaryForNextRun[index] ? { ...item, binary: binaryForNextRun[index] } : item,
				),
			),
		);
});
afterAll(() => jest.restoreAllMocks());

beforeEach(() => {
	env.sandbox.reset();
	env.sandbox.setJobs({ durationMs: 0, outcome: 'auto' });
	env.sandbox.clearRequestLog();
	env.sandbox.clearStorageLog();
	binaryForNextRun = [];
});

async function importCsv(
	resource: string,
	bytes: Buffer,
	parameters: IDataObject = {},
	extra: Parameters<typeof runResource>[3] = {},
) {
	binaryForNextRun = [{ [String(parameters.binaryPropertyName ?? 'data')]: csvBinary(bytes) }];
	return await runResource(env.sandbox, resource, { operation: 'import', ...parameters }, extra);
}

/** The storage host was asked, and never with a BuildWorkPro credential. */
function expectStorageSawNoCredential(minimumRequests = 1) {
	const seen = env.sandbox.storageLog();
	expect(seen.length).toBeGreaterThanOrEqual(minimumRequests);
	for (const entry of seen) {
		expect({
			method: entry.method,
			authorization: entry.authorization,
			credential: entry.credential,
		}).toEqual({ method: entry.method, authorization: false, credential: false });
		expect(entry.headerNames).not.toContain('authorization');
	}
}

const contactsNamed = (lastName: string) =>
	env.sandbox.contacts().filter((contact) => contact.lastName === lastName);

describe('Contact → Import from a Convert to File CSV', () => {
	const rows = [
		{
			firstName: 'Ada',
			lastName: 'Okafor',
			email: 'ada@okafor-builders.com',
			type: 'customer',
			'Internal note': 'met at expo',
		},
		{
			firstName: 'Ben',
			lastName: 'Okafor',
			email: 'ben@okafor-builders.com',
			type: 'vendor',
			'Internal note': '',
		},
		{
			firstName: 'Cleo',
			lastName: 'Okafor',
			email: null,
			type: 'architect',
			'Internal note': 'prefers "phone", not email',
		},
	];

	it('creates one contact per row, the columns named like fields mapped to them, and outputs the finished job with its counts', async () => {
		const result = await importCsv('contact', convertToFileCsv(rows));

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^job_/),
				type: 'import',
				status: 'succeeded',
				result: { total: 3, created: 3, updated: 0, failed: 0 },
				rowErrors: [],
				mapping: { firstName: 'firstName', lastName: 'lastName', email: 'email', type: 'type' },
			}),
		]);
		expect(
			contactsNamed('Okafor').map((contact) => [contact.firstName, contact.email, contact.type]),
		).toEqual([
			['Ada', 'ada@okafor-builders.com', 'customer'],
			['Ben', 'ben@okafor-builders.com', 'vendor'],
			['Cleo', null, 'architect'],
		]);
	});

	it('uploads the exact bytes to the signed URL without credentials, then names the upload and the mapping in the import', async () => {
		const bytes = convertToFileCsv(rows);
		await importCsv('contact', bytes);

		const posts = apiRequests(env.sandbox, 'POST').map((entry) => entry.path);
		expect(posts).toEqual(['/api/v1/jobs/uploads', '/api/v1/contacts/imports']);
		const upload = apiRequests(env.sandbox, 'POST')[0];
		expect(upload.body).toEqual({ contentType: 'text/csv' });
		const start = apiRequests(env.sandbox, 'POST')[1];
		const sourcePath = (start.body as IDataObject).sourcePath as string;
		expect(start.body).toEqual({
			sourcePath: expect.stringMatching(/^uploads\//),
			mapping: expect.any(Object),
			updateInPlace: false,
		});
		// Each step has its own Idempotency-Key: one key for both POSTs would be refused (409).
		expect(keyOf(upload)).not.toEqual(keyOf(start));

		expect(env.sandbox.storageLog().map((entry) => entry.method)).toEqual(['PUT']);
		expectStorageSawNoCredential();
		expect(env.sandbox.storageObject(`tenants/1/${sourcePath}`)?.bytes.equals(bytes)).toBe(true);
	});

	it('maps columns named otherwise with Column Mapping, and sends only that mapping', async () => {
		const bytes = convertToFileCsv([
			{ 'First Name': 'Dara', Surname: 'Mensah', 'E-mail': 'dara@mensah.io', Kind: 'supplier' },
			{ 'First Name': 'Efe', Surname: 'Mensah', 'E-mail': 'efe@mensah.io', Kind: 'partner' },
		]);
		const mapping = {
			columns: [
				{ column: 'First Name', field: 'firstName' },
				{ column: 'Surname', field: 'lastName' },
				{ column: 'E-mail', field: 'email' },
				{ column: 'Kind', field: 'type' },
			],
		};

		const result = await importCsv('contact', bytes, { mapping });

		expect(result.error).toBeUndefined();
		expect((apiRequests(env.sandbox, 'POST').at(-1)?.body as IDataObject).mapping).toEqual({
			'First Name': 'firstName',
			Surname: 'lastName',
			'E-mail': 'email',
			Kind: 'type',
		});
		expect(
			contactsNamed('Mensah').map((contact) => [contact.firstName, contact.email, contact.type]),
		).toEqual([
			['Dara', 'dara@mensah.io', 'supplier'],
			['Efe', 'efe@mensah.io', 'partner'],
		]);
	});

	it('with Update Existing Records, a row whose id column names a contact updates it instead of creating one', async () => {
		const existing = (await api('POST', '/contacts', {
			type: 'customer',
			firstName: 'Fola',
			lastName: 'Adeyemi',
			email: 'old@adeyemi.ng',
		})) as { id: number };
		const bytes = convertToFileCsv([
			{
				id: existing.id,
				firstName: 'Fola',
				lastName: 'Adeyemi',
				email: 'new@adeyemi.ng',
				type: 'customer',
			},
			{
				id: '',
				firstName: 'Gbenga',
				lastName: 'Adeyemi',
				email: 'gbenga@adeyemi.ng',
				type: 'customer',
			},
		]);

		const result = await importCsv('contact', bytes, { updateInPlace: true });

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			status: 'succeeded',
			result: { created: 1, updated: 1, failed: 0 },
		});
		expect((apiRequests(env.sandbox, 'POST').at(-1)?.body as IDataObject).mapping).toMatchObject({
			id: 'id',
		});
		expect(
			contactsNamed('Adeyemi').map((contact) => [contact.id === existing.id, contact.email]),
		).toEqual([
			[true, 'new@adeyemi.ng'],
			[false, 'gbenga@adeyemi.ng'],
		]);
	});

	it('reads the CSV from the binary field named in Input Binary Field', async () => {
		const result = await importCsv('contact', convertToFileCsv(rows), {
			binaryPropertyName: 'spreadsheet',
		});

		expect(result.error).toBeUndefined();
		expect(contactsNamed('Okafor')).toHaveLength(3);
	});

	it('without Wait for Completion outputs the job ID and status URL at once', async () => {
		env.sandbox.setJobs({ durationMs: 60_000 });

		const result = await importCsv('contact', convertToFileCsv(rows), { waitForCompletion: false });

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				jobId: expect.stringMatching(/^job_/),
				statusUrl: expect.stringMatching(/\/jobs\/job_/),
				mapping: expect.any(Object),
			},
		]);
		expect(apiRequests(env.sandbox, 'GET')).toEqual([]);
	});
});

describe('Import: a partial import lists its row errors', () => {
	const bytes = () =>
		convertToFileCsv([
			{ firstName: 'Hana', lastName: 'Ito', email: 'hana@ito.jp', type: 'customer' },
			{ firstName: 'Ike', lastName: 'Ito', email: 'not-an-email', type: 'customer' },
			{ firstName: 'Jun', lastName: 'Ito', email: 'jun@ito.jp', type: 'landlord' },
		]);

	it("fails with the job ID, BuildWorkPro's explanation and each failed row (row number, field, message)", async () => {
		const result = await importCsv('contact', bytes());

		expect(result.error?.message).toMatch(
			/^BuildWorkPro job job_\w+ \(the import of spreadsheet\.csv into contacts\) finished only partially: 2 of 3 rows failed/,
		);
		expect(result.error?.description).toMatch(
			/Row errors:\nRow 2 \(email\): .+\nRow 3 \(type\): .+/,
		);
		// The rows that were fine are in BuildWorkPro all the same.
		expect(contactsNamed('Ito').map((contact) => contact.firstName)).toEqual(['Hana']);
		expectStorageSawNoCredential(2);
	});

	it('under Continue On Fail outputs an error item carrying the job, its counts and the row errors', async () => {
		const result = await importCsv(
			'contact',
			bytes(),
			{},
			{ settings: { onError: 'continueRegularOutput' } },
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				error: expect.stringMatching(/finished only partially: 2 of 3 rows failed/),
				details: expect.objectContaining({
					status: 'partial',
					result: { total: 3, created: 1, updated: 0, failed: 2 },
					rowErrors: [
						expect.objectContaining({
							row: '2',
							field: 'email',
							code: expect.any(String),
							message: expect.any(String),
						}),
						expect.objectContaining({ row: '3', field: 'type', code: 'invalid_enum' }),
					],
				}),
			},
		]);
	});

	it('a job BuildWorkPro fails outright is an error with its errorMessage', async () => {
		env.sandbox.setJobs({
			outcome: 'failed',
			errorMessage: 'The import queue is paused for maintenance.',
		});

		const result = await importCsv('contact', bytes());

		expect(result.error?.message).toMatch(/failed: The import queue is paused for maintenance\.$/);
		expect(contactsNamed('Ito')).toEqual([]);
	});
});

describe('Import: input the node refuses before sending anything', () => {
	it('a CSV with no column named like a field, and no Column Mapping, says which columns it has', async () => {
		const result = await importCsv(
			'contact',
			convertToFileCsv([{ Name: 'Kofi Boateng', Mail: 'kofi@boateng.gh' }]),
		);

		expect(result.error?.message).toBe(
			'No CSV column is named like a field, and Column Mapping is empty',
		);
		expect(result.error?.description).toContain('The header row has: Name, Mail.');
		expect(result.error?.description).toContain('Nothing was sent to BuildWorkPro.');
		expect(apiRequests(env.sandbox)).toEqual([]);
		expect(env.sandbox.storageLog()).toEqual([]);
	});

	it('an input item without the binary field is refused, naming the field', async () => {
		const result = await runResource(env.sandbox, 'contact', {
			operation: 'import',
			binaryPropertyName: 'csv',
		});

		expect(result.error?.message).toMatch(/csv/);
		expect(apiRequests(env.sandbox)).toEqual([]);
	});
});

describe('Import: signed upload URLs stay secret', () => {
	it('the upload URL (its signature) appears in no output item, and the storage host got no credential', async () => {
		const result = await importCsv(
			'contact',
			convertToFileCsv([{ firstName: 'Lia', lastName: 'Mora', type: 'customer' }]),
		);

		expect(result.error).toBeUndefined();
		expect(JSON.stringify(result.items)).not.toMatch(/X-Amz-Signature|X-Amz-Credential|uploadUrl/i);
		expectStorageSawNoCredential();
	});
});

describe('Import into the other families', () => {
	it('Lead → Import creates leads in the stage the CSV names', async () => {
		const stages = (await api('GET', '/lead-stages')) as Array<{ id: number }>;
		const bytes = convertToFileCsv([
			{ name: 'Kitchen remodel, 12 Oak St', stageId: stages[0].id },
			{ name: 'Roof repair, 4 Elm Ave', stageId: stages[0].id },
		]);

		const result = await importCsv('lead', bytes);

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			status: 'succeeded',
			resourceType: expect.stringMatching(/lead/),
			result: { created: 2 },
		});
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.path).toBe('/api/v1/leads/imports');
		expectStorageSawNoCredential();
	});

	it('Time Entry → Import turns the CSV text of numbers and dates into the entries it creates', async () => {
		const { id: projectId } = (await api('POST', '/projects', {
			name: 'Riverside office build-out',
		})) as { id: number };
		const users = (await api('GET', '/users')) as Array<{ id: number }>;

		const result = await importCsv(
			'timeEntry',
			convertToFileCsv([{ projectId, userId: users[0].id, date: '2026-03-02', hours: '7.5' }]),
		);

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toEqual(
			expect.objectContaining({
				status: 'succeeded',
				result: expect.objectContaining({ created: 1 }),
			}),
		);
		expect(await api('GET', `/time-entries?projectId=${projectId}`)).toEqual([
			expect.objectContaining({ userId: users[0].id, hours: '7.50' }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.path).toBe('/api/v1/time-entries/imports');
	});

	it('Site Log → Import sends the CSV to /site-logs/imports with the columns named like fields', async () => {
		const { id: projectId } = (await api('POST', '/projects', {
			name: 'Riverside office build-out',
		})) as { id: number };

		await importCsv(
			'siteLog',
			convertToFileCsv([
				{ projectId, logDate: '2026-03-02', notes: 'Poured footings on grid A', personnelCount: 6 },
			]),
		);

		// The sandbox leaves createdBy (accepted on create, never answered) out of what an import may set, so
		// it creates no site log from a CSV; the request is the one the docs describe.
		expect(apiRequests(env.sandbox, 'POST').at(-1)).toMatchObject({
			path: '/api/v1/site-logs/imports',
			body: {
				mapping: {
					projectId: 'projectId',
					logDate: 'logDate',
					notes: 'notes',
					personnelCount: 'personnelCount',
				},
				updateInPlace: false,
			},
		});
	});

	it.each([
		['project', '/projects', { name: 'Riverside office build-out' }],
		['product', '/products', { name: 'Drywall sheet 4x8' }],
	])('%s → Import sends the CSV to %s/imports', async (resource, path, row) => {
		const result = await importCsv(resource, convertToFileCsv([row]));

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ status: 'succeeded', result: { created: 1 } });
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.path).toBe(`/api/v1${path}/imports`);
	});
});
