import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { errorBeforeSending, nodeSideError } from './errors';
import type { FieldSpec } from './fields';
import { binaryPropertyNameOf, csvRows, downloadJobFile, parseCsv, redactUrl } from './files';
import type { FileContext } from './files';
import { jobHandleFrom, shouldWaitForCompletion, unsuccessfulJobError, waitForJob } from './jobs';
import { operation } from './operations';
import type { ResourceSpec } from './operations';
import { splitIdList } from './preSend';
import { openSession, requestBuildWorkPro, requestFromRouting, unwrapEnvelope } from './transport';
import type { RequestSession, TransportContext } from './transport';

/**
 * CSV imports and bulk delete / restore: the job-based operations that send data in.
 *
 * Import: the CSV of an input binary field → `POST /jobs/uploads` (a signed upload URL) → the
 * bytes PUT to that URL with n8n's plain request helper (no credential: the storage host never
 * sees the API key) → `POST /<family>/imports {sourcePath, mapping, updateInPlace}` → the job,
 * waited for, with the row errors of a partial or failed one.
 *
 * Bulk: `POST /<family>/bulk {operation, ids}` takes at most 500 IDs; the IDs of every input item
 * are gathered and split into jobs of at most 500, one output item per job.
 */

type Pager = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

interface OperationText {
	value: string;
	name: string;
	action: string;
	description: string;
}

/** The most IDs one `POST /<family>/bulk` takes (openapi: `ids` maxItems 500). */
export const MAX_IDS_PER_BULK_JOB = 500;

/** The most row errors an output item or error message carries (all of them: Jobs → Get Errors). */
const ROW_ERRORS_SHOWN_IN_MESSAGE = 5;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The context with its operation name given a suffix, so each request of a multi-step operation
 * (upload URL, import; bulk job 1, 2, 3) gets its own derived Idempotency-Key. The transport
 * derives the key from execution, node, run, item and "resource.operation"; two POSTs of one item
 * with different bodies under one key would be refused (409 idempotency_key_reused). The steps
 * stay stable across n8n's Retry On Fail, so a retried step still replays instead of acting twice.
 */
export function withIdempotencyStep<T extends TransportContext>(context: T, step: string): T {
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getNodeParameter') {
				return (name: string, fallback?: unknown, options?: object) => {
					const value = (
						target.getNodeParameter as (n: string, f?: unknown, o?: object) => unknown
					).call(target, name, fallback, options);
					return name === 'operation' ? `${String(value)}#${step}` : value;
				};
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}

// ---- import -------------------------------------------------------------------------------------

/** The header row of a CSV (RFC 4180 quoting), read without parsing the rest of the file. */
export function csvHeader(bytes: Buffer): string[] {
	// The header is in the first few kilobytes; a header longer than 64 KB is read whole anyway.
	const [header = []] = csvRows(
		bytes.subarray(0, Math.min(bytes.length, 65_536)).toString('utf8'),
		1,
	);
	return header.map((cell) => cell.trim()).filter((cell) => cell !== '');
}

/** Column Mapping: CSV column → API field, when the columns are not named like the fields. */
export function importMappingProperty(fields: string[]): INodeProperties {
	return {
		displayName: 'Column Mapping',
		name: 'mapping',
		type: 'fixedCollection',
		placeholder: 'Add Column',
		typeOptions: { multipleValues: true },
		default: {},
		description: `Which CSV column fills which field. Without any, the columns named like the fields (${fields.join(', ')}) are imported and the others ignored.`,
		options: [
			{
				displayName: 'Column',
				name: 'columns',
				values: [
					{
						displayName: 'CSV Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'E-mail',
						description: 'Name of the column in the header row of the CSV',
					},
					// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the first field of the resource's list
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						default: fields[0] ?? '',
						options: [...fields, 'id']
							.map((name) => ({ name, value: name }))
							.sort((a, b) => a.name.localeCompare(b.name)),
						description:
							'The field the column fills (ID: the record a row updates, with Update Existing Records)',
					},
				],
			},
		],
	};
}

/** The input binary field the CSV is read from (`binaryPropertyName`, default "data"). */
export function binaryInputProperty(): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the CSV file',
		description:
			'Name of the binary field holding the CSV to import, for example from Convert to File, Read/Write Files from Disk or an HTTP Request',
	};
}

/** Update Existing Records (`updateInPlace`). */
export function updateInPlaceProperty(noun: string): INodeProperties {
	return {
		displayName: 'Update Existing Records',
		name: 'updateInPlace',
		type: 'boolean',
		default: false,
		description: `Whether a row whose ID column names an existing ${noun} updates it instead of creating a new one`,
	};
}

/** The mapping BuildWorkPro gets: the user's, or every column named like a field (and "id" when updating). */
function mappingFor(
	context: FileContext,
	fields: string[],
	header: string[],
	updateInPlace: boolean,
): IDataObject {
	const given = context.getNodeParameter('mapping.columns', []) as Array<{
		column?: string;
		field?: string;
	}>;
	const chosen = (Array.isArray(given) ? given : []).filter(
		(entry) => String(entry.column ?? '').trim() !== '' && String(entry.field ?? '') !== '',
	);
	if (chosen.length)
		return Object.fromEntries(
			chosen.map((entry) => [String(entry.column).trim(), String(entry.field)]),
		);
	const known = new Set(updateInPlace ? [...fields, 'id'] : fields);
	const matching = header.filter((column) => known.has(column));
	if (!matching.length) {
		throw errorBeforeSending(
			context.getNode(),
			'No CSV column is named like a field, and Column Mapping is empty',
			{
				itemIndex: context.getItemIndex?.() ?? 0,
				description: `The header row has: ${header.slice(0, 12).join(', ') || '(nothing)'}. Name the columns like the fields (${fields.join(', ')}) or map them in Column Mapping.`,
			},
		);
	}
	return Object.fromEntries(matching.map((column) => [column, column]));
}

/** PUTs the bytes to a signed upload URL: the plain request helper, no credential, the URL never shown. */
async function uploadToSignedUrl(
	context: FileContext,
	uploadUrl: string,
	bytes: Buffer,
	passthrough: Partial<IHttpRequestOptions>,
): Promise<void> {
	const node = context.getNode();
	const itemIndex = context.getItemIndex?.() ?? 0;
	const shown = redactUrl(uploadUrl);
	let response: IN8nHttpFullResponse | undefined;
	let failure: unknown;
	try {
		response = (await context.helpers.httpRequest({
			method: 'PUT',
			url: uploadUrl,
			body: bytes,
			headers: { 'Content-Type': 'text/csv' },
			...(passthrough.proxy ? { proxy: passthrough.proxy } : {}),
			...(passthrough.skipSslCertificateValidation ? { skipSslCertificateValidation: true } : {}),
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: passthrough.timeout ?? 300_000,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		failure = error;
	}
	if (response && response.statusCode < 300) return;
	let host = '';
	try {
		host = new URL(uploadUrl).host;
	} catch {
		host = shown;
	}
	const detail = response
		? `HTTP status ${response.statusCode}`
		: failure instanceof Error
			? failure.message.split(uploadUrl).join(shown)
			: 'no answer';
	throw nodeSideError(node, `BuildWorkPro's file storage did not take the CSV (${detail})`, {
		itemIndex,
		description: `Upload links are short-lived: run the node again for a fresh one. Nothing was imported.\nStorage host: ${host} · Link: ${shown}`,
	});
}

/** The row errors of a partial or failed job (empty when BuildWorkPro has no errors file for it). */
async function rowErrorsOf(
	context: FileContext,
	jobId: string,
	session: RequestSession,
	passthrough: Partial<IHttpRequestOptions>,
): Promise<IDataObject[]> {
	try {
		const file = await downloadJobFile(context, jobId, { segment: 'errors', session, passthrough });
		return parseCsv(file.body.toString('utf8'));
	} catch {
		return [];
	}
}

function rowErrorLine(row: IDataObject): string {
	const where =
		row.row !== undefined && row.row !== ''
			? `Row ${String(row.row)}`
			: row.id
				? `ID ${String(row.id)}`
				: 'A row';
	const field = row.field ? ` (${String(row.field)})` : '';
	return `${where}${field}: ${String(row.message ?? row.code ?? 'failed')}`;
}

/**
 * The end of a job that sends data in: a succeeded job is the output; a partial or failed one is
 * an error carrying its row errors, or under Continue On Fail an error item with the job and its
 * row errors (as `{ error, details }`).
 */
async function finishedJobItem(
	context: FileContext & IExecutePaginationFunctions,
	jobId: string,
	session: RequestSession,
	passthrough: Partial<IHttpRequestOptions>,
	what: string,
	extra: IDataObject,
	pairedItem: INodeExecutionData['pairedItem'],
): Promise<INodeExecutionData> {
	const job = await waitForJob(context, jobId, session, {
		passthrough,
		what,
		returnUnsuccessful: true,
	});
	const status = String(job.status ?? '').toLowerCase();
	if (status === 'succeeded') return { json: { ...job, ...extra, rowErrors: [] }, pairedItem };
	const rowErrors =
		status === 'partial' || status === 'failed'
			? await rowErrorsOf(context, jobId, session, passthrough)
			: [];
	const error = unsuccessfulJobError(context, job, what);
	if (rowErrors.length) {
		const lines = rowErrors.slice(0, ROW_ERRORS_SHOWN_IN_MESSAGE).map(rowErrorLine);
		const more =
			rowErrors.length > lines.length
				? [`… and ${rowErrors.length - lines.length} more (Jobs → Get Errors lists them all).`]
				: [];
		error.description = [error.description, 'Row errors:', ...lines, ...more]
			.filter((line) => !!line)
			.join('\n');
	}
	if (context.continueOnFail()) {
		// Not n8n's own error item (`error` set on the item): n8n would keep only its message and
		// drop the row errors. `error` + `details` is still routed to the error output by n8n.
		return { json: { error: error.message, details: { ...job, ...extra, rowErrors } }, pairedItem };
	}
	throw error;
}

export interface ImportSpec {
	/** The fields a CSV column may fill, as the API names them. */
	fields: string[];
}

/** Field names of a resource's FieldSpecs (for the import's columns). */
export function fieldNames(...lists: Array<FieldSpec | FieldSpec[]>): string[] {
	return [...new Set(lists.flat().map((field) => field.name))].sort();
}

function importPager(resource: ResourceSpec, spec: ImportSpec): Pager {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const context = this as unknown as FileContext & IExecutePaginationFunctions;
		const itemIndex = this.getItemIndex();
		const request = requestFromRouting(requestData);
		const passthrough = request.passthrough ?? {};
		const binaryName = binaryPropertyNameOf(this);
		const binary = this.helpers.assertBinaryData(binaryName);
		const bytes = await this.helpers.getBinaryDataBuffer(binaryName);
		if (bytes.length === 0) {
			throw errorBeforeSending(this.getNode(), `The CSV in "${binaryName}" is empty`, {
				itemIndex,
				description: 'Give a CSV file with a header row and at least one row.',
			});
		}
		const updateInPlace = this.getNodeParameter('updateInPlace', false) === true;
		const mapping = mappingFor(context, spec.fields, csvHeader(bytes), updateInPlace);
		const session = await openSession(this);
		const what = `the import of ${binary.fileName ?? 'the CSV'} into ${resource.noun}s`;

		const upload = await requestBuildWorkPro(
			withIdempotencyStep(this, 'upload'),
			{
				method: 'POST',
				url: '/jobs/uploads',
				body: { contentType: 'text/csv' },
				passthrough,
				note: `While asking BuildWorkPro where to upload ${what}.`,
			},
			session,
		);
		const target = unwrapEnvelope(upload.body);
		const uploadUrl =
			isObject(target) && typeof target.uploadUrl === 'string' ? target.uploadUrl : '';
		const sourcePath =
			isObject(target) && typeof target.sourcePath === 'string' ? target.sourcePath : '';
		if (!uploadUrl || !sourcePath) {
			throw nodeSideError(this.getNode(), 'BuildWorkPro named no upload URL for the CSV', {
				itemIndex,
				description: 'Expected uploadUrl and sourcePath in the answer of POST /jobs/uploads.',
			});
		}
		await uploadToSignedUrl(context, uploadUrl, bytes, passthrough);

		const started = await requestBuildWorkPro(
			withIdempotencyStep(this, 'import'),
			{ ...request, body: { sourcePath, mapping, updateInPlace }, note: `While starting ${what}.` },
			session,
		);
		const handle = jobHandleFrom(this, started.body);
		const facts: IDataObject = { mapping };
		if (!shouldWaitForCompletion(this)) {
			return [
				{
					json: { jobId: handle.jobId, statusUrl: handle.statusUrl ?? null, ...facts },
					pairedItem: { item: itemIndex },
				},
			];
		}
		return [
			await finishedJobItem(context, handle.jobId, session, passthrough, what, facts, {
				item: itemIndex,
			}),
		];
	};
}

/**
 * Import: the CSV of an input binary field → signed upload → `POST /<family>/imports` → the
 * finished job with its counts and row errors.
 */
export function importRecords(
	resource: ResourceSpec,
	text: OperationText,
	spec: ImportSpec,
): INodePropertyOptions {
	return operation(text, {
		method: 'POST',
		url: `${resource.path}/imports`,
		pager: importPager(resource, spec),
	});
}

// ---- bulk ---------------------------------------------------------------------------------------

/** The IDs parameter of Bulk Delete / Bulk Restore: one ID or a list per input item. */
export function bulkIdsProperty(resource: ResourceSpec, verb: string): INodeProperties {
	return {
		displayName: `${resource.idLabel}s`,
		name: `${resource.idParameter}s`,
		type: 'string',
		required: true,
		default: '',
		placeholder: '12, 15, 19',
		hint: 'One ID per input item from an expression such as {{ $json.id }}, or a list',
		description: `IDs of the ${resource.noun}s to ${verb}, one per input item or separated by commas. The IDs of all input items are gathered and sent in jobs of at most ${MAX_IDS_PER_BULK_JOB}.`,
	};
}

/** How many items reach the node (the routing context holds one, its execute data all). */
function inputItemCount(context: IExecutePaginationFunctions): number {
	const items = context.getExecuteData?.()?.data?.main?.[0];
	return Array.isArray(items) && items.length > 0 ? items.length : 1;
}

/**
 * The IDs of every input item. A declarative operation runs once per item, and each run sees only
 * its own item's parameters; this one is evaluated for every item by the first run:
 * `evaluateExpression(expression, itemIndex)` and `getExecuteData()` exist on the routing
 * context in n8n-workflow 1.x and 2.x alike. The other items' runs contribute nothing.
 */
function idsOfAllItems(
	context: IExecutePaginationFunctions,
	parameter: string,
	label: string,
): Array<{ id: number; itemIndex: number }> {
	const raw = context.getNodeParameter(parameter, '', { rawExpressions: true }) as unknown;
	const count = inputItemCount(context);
	const seen = new Set<number>();
	const result: Array<{ id: number; itemIndex: number }> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const value =
			typeof raw === 'string' && raw.startsWith('=')
				? itemIndex === context.getItemIndex()
					? context.getNodeParameter(parameter, '')
					: context.evaluateExpression(raw.slice(1), itemIndex)
				: raw;
		const { parts, invalid } = splitIdList(value);
		if (invalid.length) {
			throw errorBeforeSending(
				context.getNode(),
				`${label} must be positive whole numbers, but item ${itemIndex + 1} has "${invalid.slice(0, 3).join('", "')}"`,
				{
					itemIndex,
					description: `Give one ID per item (such as {{ $json.id }}) or a list such as 12, 15, 19.`,
				},
			);
		}
		for (const part of parts) {
			const id = Number(part);
			if (!seen.has(id)) {
				seen.add(id);
				result.push({ id, itemIndex });
			}
		}
	}
	if (!result.length) {
		throw errorBeforeSending(
			context.getNode(),
			`${label} is empty for every item: there is nothing to change`,
			{
				itemIndex: context.getItemIndex(),
				description: 'Give at least one ID, such as {{ $json.id }}.',
			},
		);
	}
	return result;
}

function bulkPager(resource: ResourceSpec, bulkOperation: 'delete' | 'restore'): Pager {
	return async function (this: IExecutePaginationFunctions, requestData) {
		// Every item's IDs are sent by the first item's run (see idsOfAllItems).
		if (this.getItemIndex() !== 0) return [];
		const context = this as unknown as FileContext & IExecutePaginationFunctions;
		const request = requestFromRouting(requestData);
		const passthrough = request.passthrough ?? {};
		const ids = idsOfAllItems(this, `${resource.idParameter}s`, `${resource.idLabel}s`);
		const session = await openSession(this);
		const wait = shouldWaitForCompletion(this);
		const chunks: Array<typeof ids> = [];
		for (let start = 0; start < ids.length; start += MAX_IDS_PER_BULK_JOB)
			chunks.push(ids.slice(start, start + MAX_IDS_PER_BULK_JOB));
		const handles = [];
		// All jobs are started first: BuildWorkPro runs them side by side while the node waits.
		for (const [index, chunk] of chunks.entries()) {
			const what = `bulk ${bulkOperation} of ${chunk.length} ${resource.noun}s (job ${index + 1} of ${chunks.length})`;
			const started = await requestBuildWorkPro(
				withIdempotencyStep(this, `job-${index + 1}`),
				{
					...request,
					body: { operation: bulkOperation, ids: chunk.map((entry) => entry.id) },
					note: `While starting the ${what}.`,
				},
				session,
			);
			handles.push({ handle: jobHandleFrom(this, started.body), chunk, what });
		}
		const output: INodeExecutionData[] = [];
		// Max Wait holds for each job. BuildWorkPro runs the jobs side by side, so by the time the
		// first has ended the others have mostly ended too.
		for (const { handle, chunk, what } of handles) {
			const pairedItem = [...new Set(chunk.map((entry) => entry.itemIndex))].map((item) => ({
				item,
			}));
			const facts: IDataObject = { operation: bulkOperation, ids: chunk.map((entry) => entry.id) };
			if (!wait) {
				output.push({
					json: { jobId: handle.jobId, statusUrl: handle.statusUrl ?? null, ...facts },
					pairedItem,
				});
				continue;
			}
			output.push(
				await finishedJobItem(context, handle.jobId, session, passthrough, what, facts, pairedItem),
			);
		}
		return output;
	};
}

/**
 * Bulk Delete / Bulk Restore: `POST /<family>/bulk {operation, ids}`, the IDs of all input items
 * split into jobs of at most 500, one output item per job.
 */
export function bulkRecords(
	resource: ResourceSpec,
	text: OperationText,
	bulkOperation: 'delete' | 'restore',
): INodePropertyOptions {
	return operation(text, {
		method: 'POST',
		url: `${resource.path}/bulk`,
		pager: bulkPager(resource, bulkOperation),
	});
}
