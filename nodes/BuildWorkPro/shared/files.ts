import type {
	DeclarativeRestApiSettings,
	IBinaryData,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { apiErrorFromAnswer, nodeSideError } from './errors';
import { filtersProperty } from './fields';
import type { FieldSpec } from './fields';
import type { ApiAnswer } from './errors';
import { jobHandleFrom, jobPath, shouldWaitForCompletion, waitForJob } from './jobs';
import {
	openSession,
	requestBuildWorkPro,
	requestFromRouting,
	sleepUnlessCancelled,
} from './transport';
import type { BuildWorkProRequest, RequestSession, TransportContext } from './transport';

/**
 * Files in and out of BuildWorkPro as n8n binary data.
 *
 * A job's file (`GET /jobs/{id}/download`, `/errors`) is not sent by BuildWorkPro itself: it
 * answers 302 with a short-lived signed URL on a storage host. That redirect is never followed
 * by n8n's authenticated request helper, which would forward the Authorization header (the API
 * key) to the storage host on every n8n version that has no `sendCredentialsOnCrossOriginRedirect`,
 * and storage services such as S3 refuse such requests. The node reads `Location` and fetches
 * the URL with the plain request helper: no credential, no Authorization header. The signed URL
 * is a secret while it lives: it appears in no message, output item or log, only its host and
 * path do.
 *
 * The bytes go to n8n once, as the Buffer the HTTP client produced (`prepareBinaryData`); n8n's
 * binary data mode decides where they are kept.
 */

/** Where the node may spend the time a download takes (n8n's own helpers). */
export type FileContext = TransportContext & {
	helpers: TransportContext['helpers'] &
		Pick<IExecuteSingleFunctions['helpers'], 'httpRequest' | 'prepareBinaryData'>;
};

export interface DownloadedFile {
	body: Buffer;
	/** From Content-Disposition, when the server named the file. */
	fileName?: string;
	/** From Content-Type, without parameters. */
	mimeType?: string;
}

/** A storage download is tried this often in all when the storage host fails or is unreachable. */
const STORAGE_ATTEMPTS = 3;
const STORAGE_RETRY_STATUSES = new Set([500, 502, 503, 504]);
const STORAGE_TIMEOUT_MS = 300_000;

/** A URL as it may be shown: origin and path, the query string (the signature) redacted. */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}${parsed.search ? '?[redacted]' : ''}`;
	} catch {
		const question = url.indexOf('?');
		return question >= 0 ? `${url.slice(0, question)}?[redacted]` : url;
	}
}

/** Removes a signed URL (and its query string on its own) from a text that may reach the user. */
function withoutSignedUrl(text: string, url: string): string {
	let result = text.split(url).join(redactUrl(url));
	const question = url.indexOf('?');
	if (question >= 0 && url.length - question > 4)
		result = result.split(url.slice(question + 1)).join('[redacted]');
	return result;
}

function headerText(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred over `filename=`). */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			const name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
			if (name) return safeFileName(name);
		} catch {
			// A malformed encoding: fall back to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
	if (!plain) return undefined;
	const name = (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim();
	return name ? safeFileName(name) : undefined;
}

/** No directories in a name a server gave: only its last part, without control characters. */
function safeFileName(name: string): string {
	// eslint-disable-next-line no-control-regex
	const withoutControl = /[\u0000-\u001f\u007f]/g;
	const last = name.split(/[/\\]/).pop()?.replace(withoutControl, '').trim() ?? '';
	return last === '' || last === '.' || last === '..' ? 'download' : last;
}

/** A file name made of a record's number: "bid-B-2026-014.pdf". */
export function fileNameFor(prefix: string, number: unknown, extension: string): string {
	const part = String(number ?? '')
		.trim()
		.replace(/[^\w.-]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${prefix}${part ? `-${part}` : ''}.${extension}`;
}

function fileFromResponse(body: unknown, headers: Record<string, unknown>): DownloadedFile {
	const bytes = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: typeof body === 'string'
				? Buffer.from(body, 'utf8')
				: Buffer.alloc(0);
	const mimeType = headerText(headers, 'content-type')?.split(';')[0].trim().toLowerCase();
	return {
		body: bytes,
		fileName: fileNameFromDisposition(headerText(headers, 'content-disposition')),
		mimeType: mimeType || undefined,
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function failureCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && isObject(current); depth++) {
		if (typeof current.code === 'string' && /^(E[A-Z_]+|ERR_[A-Z_]+)$/.test(current.code))
			return current.code;
		current = current.cause;
	}
	return undefined;
}

/**
 * Fetches a signed URL with n8n's plain request helper: without the BuildWorkPro credential, so
 * the storage host never sees the API key. Retries a storage host that fails or cannot be
 * reached, twice.
 */
export async function fetchSignedUrl(
	context: FileContext,
	signedUrl: string,
	passthrough: Partial<IHttpRequestOptions> = {},
	what = 'the file',
): Promise<DownloadedFile> {
	const node = context.getNode();
	const itemIndex = context.getItemIndex?.() ?? 0;
	const shown = redactUrl(signedUrl);
	let host = '';
	try {
		host = new URL(signedUrl).host;
	} catch {
		throw nodeSideError(
			node,
			`BuildWorkPro sent a download link for ${what} that is not a valid URL`,
			{ itemIndex, description: `Link: ${shown}` },
		);
	}
	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: signedUrl,
			// Only what n8n's settings say about the network; never headers, never credentials.
			...(passthrough.proxy ? { proxy: passthrough.proxy } : {}),
			...(passthrough.skipSslCertificateValidation ? { skipSslCertificateValidation: true } : {}),
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: passthrough.timeout ?? STORAGE_TIMEOUT_MS,
		};
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		try {
			response = (await context.helpers.httpRequest(options)) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error;
		}
		const cancelled = context.getExecutionCancelSignal?.()?.aborted === true;
		if (response && response.statusCode < 300) {
			return fileFromResponse(response.body, response.headers as Record<string, unknown>);
		}
		const retry =
			!cancelled &&
			attempt < STORAGE_ATTEMPTS &&
			(response ? STORAGE_RETRY_STATUSES.has(response.statusCode) : true);
		if (retry) {
			await sleepUnlessCancelled(context, 1_000 * attempt);
			continue;
		}
		if (response) {
			const expired =
				response.statusCode === 403 || response.statusCode === 410 || response.statusCode === 404;
			throw nodeSideError(
				node,
				`BuildWorkPro's file storage refused to hand over ${what} (HTTP status ${response.statusCode})`,
				{
					itemIndex,
					description: [
						expired
							? 'Download links are short-lived: this one may have expired. Run the node again for a fresh link.'
							: 'The storage host did not send the file. Run the node again later.',
						`Storage host: ${host} · Link: ${shown}`,
					].join('\n'),
				},
			);
		}
		const detail = failure instanceof Error ? failure.message : String(failure);
		throw nodeSideError(
			node,
			`Could not download ${what} from BuildWorkPro's file storage at ${host}`,
			{
				itemIndex,
				description: withoutSignedUrl(
					`${failureCode(failure) ? `Network error: ${failureCode(failure)} (${detail})` : detail}\nLink: ${shown}`,
					signedUrl,
				),
			},
		);
	}
}

/**
 * A job's file: `GET /jobs/{id}/download` (or `/errors`) through the transport, the redirect not
 * followed, then the signed URL without credentials. A server that sends the file right away
 * (200) is fine too.
 */
export async function downloadJobFile(
	context: FileContext,
	jobId: string,
	options: {
		segment?: 'download' | 'errors';
		session?: RequestSession;
		passthrough?: Partial<IHttpRequestOptions>;
		what?: string;
	} = {},
): Promise<DownloadedFile> {
	const segment = options.segment ?? 'download';
	const what =
		options.what ??
		(segment === 'errors' ? `the errors file of job ${jobId}` : `the file of job ${jobId}`);
	const session = options.session ?? (await openSession(context));
	const answer = await requestBuildWorkPro(
		context,
		{
			method: 'GET',
			url: jobPath(jobId, segment),
			binary: true,
			note: `While asking for ${what}.`,
			passthrough: { ...(options.passthrough ?? {}), disableFollowRedirect: true },
		},
		session,
	);
	return await fileBehindAnswer(context, answer, session, options.passthrough, what);
}

/** The file an answer is or points to (a 3xx with `Location`). */
async function fileBehindAnswer(
	context: FileContext,
	answer: ApiAnswer,
	session: RequestSession,
	passthrough: Partial<IHttpRequestOptions> | undefined,
	what: string,
): Promise<DownloadedFile> {
	if (answer.statusCode >= 300 && answer.statusCode < 400) {
		const location = headerText(answer.headers, 'location');
		if (!location) {
			throw apiErrorFromAnswer(
				context.getNode(),
				{
					...answer,
					body: {
						detail: `BuildWorkPro redirected the download of ${what} without saying where to`,
					},
				},
				{ itemIndex: context.getItemIndex?.() ?? 0, secret: session.secret },
			);
		}
		return await fetchSignedUrl(
			context,
			new URL(location, `${session.baseUrl}/`).toString(),
			passthrough,
			what,
		);
	}
	return fileFromResponse(answer.body, answer.headers);
}

/** A streamed file (`GET /invoices/{id}/pdf`): the bytes of the answer itself, through the transport. */
export async function downloadStreamedFile(
	context: FileContext,
	request: BuildWorkProRequest,
	session?: RequestSession,
): Promise<DownloadedFile> {
	const ownSession = session ?? (await openSession(context));
	const answer = await requestBuildWorkPro(context, { ...request, binary: true }, ownSession);
	// Were a server to redirect to storage here too, the same rule holds: no credentials there.
	return await fileBehindAnswer(context, answer, ownSession, request.passthrough, 'the file');
}

/** The output field for the file: `binaryPropertyName` (default "data"). */
export function binaryPropertyNameOf(context: Pick<TransportContext, 'getNodeParameter'>): string {
	const name = String(context.getNodeParameter('binaryPropertyName', 'data') ?? '').trim();
	return name === '' ? 'data' : name;
}

/** One output item: `json` plus the file, handed to n8n once, in the binary field the user chose. */
export async function binaryItem(
	context: FileContext,
	file: DownloadedFile,
	json: IDataObject,
	fallbackFileName: string,
	fallbackMimeType?: string,
): Promise<INodeExecutionData> {
	const fileName = file.fileName ?? fallbackFileName;
	const mimeType =
		file.mimeType && file.mimeType !== 'application/octet-stream'
			? file.mimeType
			: (fallbackMimeType ?? file.mimeType);
	const binary: IBinaryData = await context.helpers.prepareBinaryData(
		file.body,
		fileName,
		mimeType,
	);
	return {
		json: {
			...json,
			fileName: binary.fileName ?? fileName,
			mimeType: binary.mimeType,
			bytes: file.body.length,
		},
		binary: { [binaryPropertyNameOf(context)]: binary },
		pairedItem: { item: context.getItemIndex?.() ?? 0 },
	};
}

/**
 * Splits CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) into
 * rows of cells, at most `maxRows` of them (a byte-order mark is skipped).
 */
export function csvRows(text: string, maxRows = Infinity): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	for (let i = 0; i < source.length && rows.length < maxRows; i++) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
			continue;
		}
		if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (rows.length < maxRows && (field !== '' || row.length > 0)) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/** CSV as one object per row, keyed by the header row. */
export function parseCsv(text: string): IDataObject[] {
	const [header, ...records] = csvRows(text).filter((cells) => cells.length > 1 || cells[0] !== '');
	if (!header) return [];
	return records.map((cells) =>
		Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])),
	);
}

type Pager = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** How a file operation names its output: the record's ID and a file name when the server gives none. */
export interface FileOutput {
	/** JSON next to the file, e.g. `{ id: 12 }`. */
	json: (context: FileContext) => IDataObject;
	/** The file name when the server sends none (may look the record up). */
	fallbackFileName: (
		context: FileContext,
		session: RequestSession,
		passthrough: Partial<IHttpRequestOptions>,
	) => Promise<string>;
	fallbackMimeType?: string;
	/** The Accept header of a streamed download (default any type). */
	accept?: string;
	/** For messages: "the PDF of bid 12". */
	what: (context: FileContext) => string;
	/** What of the finished job goes into the output next to the file. */
	fromJob?: (job: IDataObject) => IDataObject;
}

/**
 * Declarative hook of an operation that starts a job and hands back its file: the POST n8n
 * built, then (Wait for Completion) the job polled to its end and its file downloaded; without
 * waiting, the job's ID and status URL at once.
 */
export function startJobAndDownload(output: FileOutput): Pager {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const context = this as unknown as FileContext;
		const request = requestFromRouting(requestData);
		const session = await openSession(this);
		const what = output.what(context);
		const started = await requestBuildWorkPro(
			this,
			{ ...request, note: `While asking BuildWorkPro for ${what}.` },
			session,
		);
		const handle = jobHandleFrom(this, started.body);
		const json = output.json(context);
		if (!shouldWaitForCompletion(this)) {
			return [
				{
					json: { ...json, jobId: handle.jobId, statusUrl: handle.statusUrl ?? null },
					pairedItem: { item: this.getItemIndex() },
				},
			];
		}
		const passthrough = request.passthrough ?? {};
		const job = await waitForJob(this, handle.jobId, session, { passthrough, what });
		const file = await downloadJobFile(context, handle.jobId, { session, passthrough, what });
		const fallback = file.fileName
			? ''
			: await output.fallbackFileName(context, session, passthrough);
		const facts = { ...json, jobId: handle.jobId, ...(output.fromJob?.(job) ?? {}) };
		return [await binaryItem(context, file, facts, fallback, output.fallbackMimeType)];
	};
}

/** Declarative hook of an operation whose answer is the file itself (a streamed PDF). */
export function streamDownload(output: FileOutput): Pager {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const context = this as unknown as FileContext;
		const request = requestFromRouting(requestData);
		const session = await openSession(this);
		const what = output.what(context);
		const headers = { ...(request.headers ?? {}), Accept: output.accept ?? '*/*' };
		const file = await downloadStreamedFile(
			context,
			{ ...request, headers, note: `While downloading ${what}.` },
			session,
		);
		const fallback = file.fileName
			? ''
			: await output.fallbackFileName(context, session, request.passthrough ?? {});
		return [
			await binaryItem(context, file, output.json(context), fallback, output.fallbackMimeType),
		];
	};
}

/** The output binary field of a download (`binaryPropertyName`, default "data"). */
export function binaryOutputProperty(): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description:
			'Name of the binary field the downloaded file is put in, for nodes such as Gmail, Google Drive or Extract From File',
	};
}

function jobIdOf(context: Pick<TransportContext, 'getNodeParameter'>): string {
	return String(context.getNodeParameter('jobId', '') ?? '').trim();
}

/** Declarative hook of Jobs → Download: the job's file (`jobId` parameter) as binary data. */
export async function downloadJobPager(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const context = this as unknown as FileContext;
	const jobId = jobIdOf(this);
	const { passthrough } = requestFromRouting(requestData);
	const file = await downloadJobFile(context, jobId, { passthrough });
	const extension = file.mimeType?.includes('pdf')
		? '.pdf'
		: file.mimeType?.includes('csv')
			? '.csv'
			: '';
	return [await binaryItem(context, file, { jobId }, `job-${jobId}${extension}`)];
}

/**
 * Declarative hook of Jobs → Get Errors: the job's errors file (a CSV, one row per record that
 * failed), one output item per row.
 */
export async function jobErrorsPager(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const context = this as unknown as FileContext;
	const jobId = jobIdOf(this);
	const { passthrough } = requestFromRouting(requestData);
	const file = await downloadJobFile(context, jobId, { segment: 'errors', passthrough });
	const itemIndex = this.getItemIndex();
	return parseCsv(file.body.toString('utf8')).map((row) => ({
		json: row,
		pairedItem: { item: itemIndex },
	}));
}

/**
 * An export's Filters: Get Many's filters, each sent in the body as `filters.<name>` (the export
 * takes them as `{ filters: { … } }`, not as query parameters).
 */
export function exportFiltersProperty(filters: FieldSpec[]): INodeProperties {
	const property = filtersProperty(filters);
	return {
		...property,
		options: (property.options as INodeProperties[]).map((option) => {
			const routing = {
				...option.routing,
				send: {
					...option.routing?.send,
					type: 'body' as const,
					property: `filters.${option.name}`,
				},
			};
			const choices =
				option.type === 'options' && !option.typeOptions?.loadOptions
					? ((option.options ?? []) as INodePropertyOptions[])
					: undefined;
			if (!choices) return { ...option, routing };
			// The export's `filters` object is documented without enums: the choices become words to type.
			const rest: INodeProperties = { ...option };
			delete rest.options;
			const values = choices.map((choice) => String(choice.value));
			return {
				...rest,
				type: 'string' as const,
				default: '',
				placeholder: values[0],
				description: `${option.description ? `${option.description.replace(/\.$/, '')}: ` : 'One of: '}${values.join(', ')}`,
				routing,
			};
		}),
	};
}
