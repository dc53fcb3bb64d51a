import type {
	DeclarativeRestApiSettings,
	IBinaryData,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { apiErrorFromAnswer } from '../../shared/errors';
import type { ApiAnswer } from '../../shared/errors';
import type { TransportContext } from '../../shared/transport/context';
import { itemIndexOf } from '../../shared/transport/context';
import { requestBuildWorkPro } from '../../shared/transport/request';
import type { BuildWorkProRequest } from '../../shared/transport/request';
import { openSession } from '../../shared/transport/session';
import type { RequestSession } from '../../shared/transport/session';
import { filtersProperty } from '../description/fields';
import type { FieldSpec } from '../description/fields';
import { requestFromRouting } from '../routing/bridge';
import type { Pager } from '../routing/hooks';
import { parseCsv } from './csv';
import { jobHandleFrom, jobPath, shouldWaitForCompletion, waitForJob } from './jobs';
import { fetchSignedUrl } from './signedUrl';

/**
 * Files out of BuildWorkPro as n8n binary data: the download operations and their parameters.
 *
 * A job's file (`GET /jobs/{id}/download`, `/errors`) is not sent by BuildWorkPro itself: it
 * answers 302 with a short-lived signed URL on a storage host. That redirect is never followed
 * by n8n's authenticated request helper, which would forward the Authorization header (the API
 * key) to the storage host on every n8n version that has no `sendCredentialsOnCrossOriginRedirect`.
 * The node reads `Location` and fetches the URL without the credential (signedUrl).
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
				{ itemIndex: itemIndexOf(context), secret: session.secret },
			);
		}
		const stored = await fetchSignedUrl(
			context,
			new URL(location, `${session.baseUrl}/`).toString(),
			passthrough,
			what,
		);
		return fileFromResponse(stored.body, stored.headers as Record<string, unknown>);
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
		pairedItem: { item: itemIndexOf(context) },
	};
}

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
		const request = requestFromRouting(this, requestData);
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
		const request = requestFromRouting(this, requestData);
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

/** The file (or errors file) of the job the `jobId` parameter names. */
async function fileOfNamedJob(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	segment: 'download' | 'errors',
): Promise<{ jobId: string; file: DownloadedFile }> {
	const jobId = String(context.getNodeParameter('jobId', '', { extractValue: true }) ?? '').trim();
	const { passthrough } = requestFromRouting(context, requestData);
	const file = await downloadJobFile(context as unknown as FileContext, jobId, {
		segment,
		passthrough,
	});
	return { jobId, file };
}

/** Declarative hook of Jobs → Download: the job's file (`jobId` parameter) as binary data. */
export async function downloadJobPager(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { jobId, file } = await fileOfNamedJob(this, requestData, 'download');
	const extension = file.mimeType?.includes('pdf')
		? '.pdf'
		: file.mimeType?.includes('csv')
			? '.csv'
			: '';
	return [
		await binaryItem(this as unknown as FileContext, file, { jobId }, `job-${jobId}${extension}`),
	];
}

/**
 * Declarative hook of Jobs → Get Errors: the job's errors file (a CSV, one row per record that
 * failed), one output item per row.
 */
export async function jobErrorsPager(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { file } = await fileOfNamedJob(this, requestData, 'errors');
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
				option.type === 'options' && !option.typeOptions?.loadOptionsMethod
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
