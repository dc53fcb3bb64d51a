import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { nodeSideError } from '../../shared/errors';
import { isPlainObject } from '../../shared/objects';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport/request';
import type { BuildWorkProRequest } from '../../shared/transport/request';
import { simplifyItems } from './simplify';

/**
 * The bridge between n8n's declarative engine and the transport. Every operation names a
 * `routing.operations.pagination` hook; n8n hands it the request it built from the operation's
 * `routing` and the hook sends it through the transport. So n8n runs only the `preSend` steps
 * itself: whatever else the routing asks for is up to the hook, and what a hook would not do is
 * refused here, never silently dropped.
 */

/**
 * `routing.request` settings n8n would apply to a request it sends itself but the transport does
 * not take from the request it is handed (it decides them: JSON, full answers, error statuses).
 */
const REQUEST_SETTINGS_NOT_SENT = [
	'arrayFormat',
	'auth',
	'disableFollowRedirect',
	'maxRedirects',
	'encoding',
	'json',
	'returnFullResponse',
	'ignoreHttpStatusErrors',
	'sendCredentialsOnCrossOriginRedirect',
	'agentOptions',
	'abortSignal',
] as const;

/** Stops an operation whose routing asks for something its hook would not do. */
function refuseIgnoredRouting(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	runsPostReceiveFunctions: boolean,
): void {
	const refuse = (what: string, fix: string) =>
		nodeSideError(
			context.getNode(),
			`This operation's routing has ${what}, which the node cannot run`,
			{
				itemIndex: context.getItemIndex(),
				description: `The node sends its requests itself (routing.operations.pagination) and would ignore it. ${fix} Nothing was sent to BuildWorkPro.`,
			},
		);
	for (const group of requestData.postReceive) {
		for (const action of group.actions) {
			if (typeof action !== 'function') {
				throw refuse(
					`a declarative postReceive step of type "${action.type}"`,
					'Write the step as a postReceive function.',
				);
			}
			if (!runsPostReceiveFunctions) {
				throw refuse(
					`a postReceive function (${action.name || 'anonymous'})`,
					"Shape the output in the operation's hook instead.",
				);
			}
		}
	}
	const options = requestData.options as Partial<IHttpRequestOptions>;
	const setting = REQUEST_SETTINGS_NOT_SENT.find((name) => options[name] !== undefined);
	if (setting) {
		throw refuse(
			`the request setting "${setting}"`,
			'Leave it to the transport, or teach the transport the setting.',
		);
	}
}

/**
 * The request n8n built from the operation's `routing`, for the transport. Refuses (see
 * refuseIgnoredRouting) any postReceive step, since the calling hook runs none, unless it says
 * it runs postReceive functions.
 */
export function requestFromRouting(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	{ runsPostReceiveFunctions = false } = {},
): BuildWorkProRequest {
	refuseIgnoredRouting(context, requestData, runsPostReceiveFunctions);
	const {
		method,
		url,
		baseURL,
		qs,
		body,
		headers,
		timeout,
		proxy,
		skipSslCertificateValidation,
		allowedDomains,
	} = requestData.options;
	const passthrough: Partial<IHttpRequestOptions> = {};
	if (proxy) passthrough.proxy = proxy;
	if (skipSslCertificateValidation)
		passthrough.skipSslCertificateValidation =
			skipSslCertificateValidation === true || skipSslCertificateValidation === 'true';
	if (allowedDomains) passthrough.allowedDomains = allowedDomains;
	return {
		method: (method ?? 'GET') as IHttpRequestMethods,
		url: url ?? '',
		baseURL,
		qs: qs as IDataObject | undefined,
		body: body as IDataObject | undefined,
		headers: headers as IDataObject | undefined,
		timeout,
		passthrough,
	};
}

/** Records as n8n items, each paired with the item that asked for it. */
export function toItems(data: unknown, itemIndex: number): INodeExecutionData[] {
	const records = Array.isArray(data)
		? data
		: data === undefined || data === null || data === ''
			? []
			: [data];
	// n8n items hold objects; anything else (never expected from BuildWorkPro) is wrapped, not dropped.
	return records.map((record) => ({
		json: isPlainObject(record)
			? (record as IDataObject)
			: { value: record as IDataObject[string] },
		pairedItem: { item: itemIndex },
	}));
}

/**
 * Declarative hook for single-request operations (create, get, update, delete). n8n hands a
 * `routing.operations.pagination` function the fully built request; using that hook for every
 * operation lets the transport send it. Output: the envelope's `data` as items, then the
 * operation's own `routing.output.postReceive` functions, if any, then Simplify (simplify.ts).
 */
export async function sendSingleRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const request = requestFromRouting(this, requestData, { runsPostReceiveFunctions: true });
	const answer = await requestBuildWorkPro(this, request);
	const itemIndex = this.getItemIndex();
	let items = toItems(unwrapEnvelope(answer.body), itemIndex);
	const response: IN8nHttpFullResponse = {
		statusCode: answer.statusCode,
		headers: answer.headers as IN8nHttpFullResponse['headers'],
		body: answer.body as IN8nHttpFullResponse['body'],
	};
	for (const group of requestData.postReceive) {
		for (const action of group.actions) {
			if (typeof action === 'function') items = await action.call(this, items, response);
		}
	}
	return simplifyItems(this, items).map((item) => ({
		...item,
		pairedItem: item.pairedItem ?? { item: itemIndex },
	}));
}
