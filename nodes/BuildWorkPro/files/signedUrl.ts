import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { nodeSideError } from '../../shared/errors';
import type { TransportContext } from '../../shared/transport/context';
import { itemIndexOf } from '../../shared/transport/context';
import { networkErrorCode } from '../../shared/transport/errorChain';
import { isCancelled, sleepUnlessCancelled } from '../../shared/transport/wait';

/**
 * Files to and from BuildWorkPro's file storage through short-lived signed URLs. These go out
 * with n8n's plain request helper, never the authenticated one: the storage host must not see
 * the API key (storage services such as S3 refuse a request that brings an Authorization header
 * besides the signature). The signed URL is a secret while it lives: it appears in no message,
 * output item or log, only its host and path do.
 */

/** What a transfer needs from n8n: the plain request helper, and the item for messages. */
export type SignedUrlContext = Pick<
	TransportContext,
	'getNode' | 'getItemIndex' | 'getExecutionCancelSignal'
> & { helpers: Pick<IExecuteSingleFunctions['helpers'], 'httpRequest'> };

/** A download is tried this often in all when the storage host fails or is unreachable. */
const DOWNLOAD_ATTEMPTS = 3;
/** An upload is sent once, as it always was: a failed one asks the user to run the node again. */
const UPLOAD_ATTEMPTS = 1;
const STORAGE_RETRY_STATUSES = new Set([500, 502, 503, 504]);
const STORAGE_TIMEOUT_MS = 300_000;

/** A URL as it may be shown: origin and path, the query string (the signature) redacted. */
function redactUrl(url: string): string {
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

/** How a transfer ended: the storage host's answer (a success or its last refusal), or the last failure. */
type TransferOutcome =
	| { response: IN8nHttpFullResponse; failure?: undefined }
	| { response?: undefined; failure: unknown };

/**
 * Sends one request to a signed URL, again (after 1 s, 2 s, …) while the storage host fails or
 * cannot be reached and attempts are left.
 */
async function transfer(
	context: SignedUrlContext,
	request: IHttpRequestOptions,
	attempts: number,
	passthrough: Partial<IHttpRequestOptions>,
): Promise<TransferOutcome> {
	for (let attempt = 1; ; attempt++) {
		let outcome: TransferOutcome;
		try {
			const response = (await context.helpers.httpRequest({
				...request,
				// Only what n8n's settings say about the network; never headers, never credentials.
				...(passthrough.proxy ? { proxy: passthrough.proxy } : {}),
				...(passthrough.skipSslCertificateValidation ? { skipSslCertificateValidation: true } : {}),
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: passthrough.timeout ?? STORAGE_TIMEOUT_MS,
			})) as IN8nHttpFullResponse;
			outcome = { response };
		} catch (error) {
			outcome = { failure: error };
		}
		const { response } = outcome;
		if (response && response.statusCode < 300) return outcome;
		const retry =
			!isCancelled(context) &&
			attempt < attempts &&
			(response ? STORAGE_RETRY_STATUSES.has(response.statusCode) : true);
		if (!retry) return outcome;
		await sleepUnlessCancelled(context, 1_000 * attempt);
	}
}

/**
 * Fetches a signed URL without the BuildWorkPro credential and returns the storage host's
 * answer (its body a Buffer). Retries a storage host that fails or cannot be reached, twice.
 */
export async function fetchSignedUrl(
	context: SignedUrlContext,
	signedUrl: string,
	passthrough: Partial<IHttpRequestOptions> = {},
	what = 'the file',
): Promise<IN8nHttpFullResponse> {
	const node = context.getNode();
	const itemIndex = itemIndexOf(context);
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
	const { response, failure } = await transfer(
		context,
		{ method: 'GET', url: signedUrl, encoding: 'arraybuffer' },
		DOWNLOAD_ATTEMPTS,
		passthrough,
	);
	if (response && response.statusCode < 300) return response;
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
	const code = networkErrorCode(failure);
	throw nodeSideError(
		node,
		`Could not download ${what} from BuildWorkPro's file storage at ${host}`,
		{
			itemIndex,
			description: withoutSignedUrl(
				`${code ? `Network error: ${code} (${detail})` : detail}\nLink: ${shown}`,
				signedUrl,
			),
		},
	);
}

/** PUTs a CSV to a signed upload URL without the BuildWorkPro credential. */
export async function uploadToSignedUrl(
	context: SignedUrlContext,
	uploadUrl: string,
	bytes: Buffer,
	passthrough: Partial<IHttpRequestOptions>,
): Promise<void> {
	const shown = redactUrl(uploadUrl);
	const { response, failure } = await transfer(
		context,
		{ method: 'PUT', url: uploadUrl, body: bytes, headers: { 'Content-Type': 'text/csv' } },
		UPLOAD_ATTEMPTS,
		passthrough,
	);
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
	throw nodeSideError(
		context.getNode(),
		`BuildWorkPro's file storage did not take the CSV (${detail})`,
		{
			itemIndex: itemIndexOf(context),
			description: `Upload links are short-lived: run the node again for a fresh one. Nothing was imported.\nStorage host: ${host} · Link: ${shown}`,
		},
	);
}
