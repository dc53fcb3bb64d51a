import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { isPlainObject } from '../../shared/objects';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport/request';
import type { BuildWorkProRequest } from '../../shared/transport/request';

/**
 * The bridge between n8n's declarative engine and the transport. Every operation names a
 * `routing.operations.pagination` hook; n8n hands it the request it built from the operation's
 * `routing` and the hook sends it through the transport.
 */

/** The request n8n built from the operation's `routing`. */
export function requestFromRouting(
	requestData: DeclarativeRestApiSettings.ResultOptions,
): BuildWorkProRequest {
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
 * operation's own `routing.output.postReceive` functions, if any.
 */
export async function sendSingleRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const answer = await requestBuildWorkPro(this, requestFromRouting(requestData));
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
	return items.map((item) => ({ ...item, pairedItem: item.pairedItem ?? { item: itemIndex } }));
}
