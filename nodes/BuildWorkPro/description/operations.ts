import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	binaryOutputProperty,
	fileNameFor,
	startJobAndDownload,
	streamDownload,
} from '../files/downloads';
import type { FileContext, FileOutput } from '../files/downloads';
import { waitForCompletionProperty } from '../files/jobs';
import { fetchAllPages } from '../routing/pagination';
import {
	normalizeListFilters,
	requireIdList,
	requirePositiveId,
	requireUpdateFields,
} from '../routing/preSend';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport/request';
import { sendSingleRequest } from '../routing/bridge';
import type { OperationText, Pager, PostReceive, PreSend } from '../routing/hooks';
import { isPlainObject } from '../../shared/objects';
import { lineage, plural } from './resource';
import type { ResourceSpec } from './resource';

/**
 * Builders for the operations of a resource. An operation file declares what it is (name, action,
 * description, its own fields) once; how it is sent (transport), checked (preSend) and paged, which
 * record IDs it asks for and whether it writes are worked out here, so 30 resources do not mean
 * 30 copies of the same routing, nor lists beside each resource that must agree with it.
 */

/** `{{ … }}` that puts a parameter into a path, trimmed and URL-encoded. */
export function pathSegment(parameter: string): string {
	return `{{ encodeURIComponent(String($parameter.${parameter}).trim()) }}`;
}

/** The path of the collection: '/bids', or '/bids/{bidId}/line-items' under a parent. */
export function collectionPath(resource: ResourceSpec): string {
	return resource.parent ? `${recordPath(resource.parent)}${resource.path}` : resource.path;
}

/** The path of one record: '/bids/{bidId}'. */
export function recordPath(resource: ResourceSpec): string {
	return `${collectionPath(resource)}/${pathSegment(resource.idParameter)}`;
}

/** The id parameters a request to this resource needs: its own and its parents'. */
function idChecks(resource: ResourceSpec | undefined, withOwn: boolean): PreSend[] {
	if (!resource) return [];
	const own = withOwn ? [requirePositiveId(resource.idParameter, resource.idLabel)] : [];
	return [...idChecks(resource.parent, true), ...own];
}

/** What an operation file declares: its texts and, in order, its own parameters. */
export interface OperationDeclaration extends OperationText {
	/** Shown below the record IDs; the resource adds the IDs and Options. */
	fields?: INodeProperties[];
}

/** Everything a resource's description needs to know about one of its operations. */
export interface Operation {
	/** Its entry in the Operation list: value, name, action, description and routing. */
	option: INodePropertyOptions;
	/** Its own parameters, in order. */
	fields: INodeProperties[];
	/**
	 * The records whose IDs it asks for, outermost first: the parents' under which its path lies
	 * and, when it acts on one record, the record's own.
	 */
	identifiedBy: ResourceSpec[];
	/** Whether it changes data, and so gets the Idempotency Key option. */
	writes: boolean;
}

/**
 * An operation as its resource sees it, worked out from its routing: the IDs are those its URL
 * uses, and every method but GET writes. The one exception is a lookup that is sent as POST only
 * because its input does not fit in a query string (Get by IDs: up to 50 IDs): `lookup` says so.
 */
export function describeOperation(
	resource: ResourceSpec,
	option: INodePropertyOptions,
	fields: INodeProperties[] = [],
	{ lookup = false } = {},
): Operation {
	const url = String(option.routing?.request?.url ?? '');
	const method = option.routing?.request?.method ?? 'GET';
	return {
		option,
		fields,
		identifiedBy: lineage(resource).filter(
			(record) =>
				record.idParameter !== '' &&
				new RegExp(`\\$parameter\\.${record.idParameter}\\b`).test(url),
		),
		writes: method !== 'GET' && !lookup,
	};
}

interface RequestShape {
	method: IHttpRequestMethods;
	/** A path, or an n8n expression ('=/bids/{{ … }}'). */
	url: string;
	preSend?: PreSend[];
	postReceive?: PostReceive[];
	pager?: Pager;
}

/**
 * What an operation does, needs and returns, for the AI Agent: n8n describes a tool by its action
 * ("Accept a bid in BuildWorkPro"), and the Tool variant's actions carry this detail (see
 * `forTools`). People read the short action in the Operation list instead.
 */
const toolDetails = new WeakMap<INodePropertyOptions, string>();

/** The detail an operation's Tool variant tells the model, if the operation has one. */
export function toolDetailOf(option: INodePropertyOptions): string | undefined {
	return toolDetails.get(option);
}

/** An operation whose request the transport sends (retries, pacing, idempotency, errors). */
export function operation(
	{ description: detail, ...text }: OperationText,
	request: RequestShape,
): INodePropertyOptions {
	const option: INodePropertyOptions = {
		...text,
		description: text.action,
		routing: {
			request: { method: request.method, url: request.url },
			// n8n passes the built request to `operations.pagination` only when `paginate` is set:
			// that is how the transport gets to send every request, paged or not.
			send: { paginate: true, ...(request.preSend?.length ? { preSend: request.preSend } : {}) },
			...(request.postReceive?.length ? { output: { postReceive: request.postReceive } } : {}),
			operations: { pagination: request.pager ?? sendSingleRequest },
		},
	};
	toolDetails.set(option, detail);
	return option;
}

/** An operation whose request its file writes out (a path, checks or pager of its own). */
export function customOperation(
	resource: ResourceSpec,
	{ fields, ...text }: OperationDeclaration,
	request: RequestShape,
): Operation {
	return describeOperation(resource, operation(text, request), fields);
}

const expression = (path: string) => (path.includes('{{') ? `=${path}` : path);

/** POST to the collection → the new record. */
export function createRecord(resource: ResourceSpec, declaration: OperationDeclaration): Operation {
	return customOperation(resource, declaration, {
		method: 'POST',
		url: expression(collectionPath(resource)),
		preSend: idChecks(resource.parent, true),
	});
}

/** GET one record by its id. */
export function getRecord(resource: ResourceSpec, declaration: OperationDeclaration): Operation {
	return customOperation(resource, declaration, {
		method: 'GET',
		url: `=${recordPath(resource)}`,
		preSend: idChecks(resource, true),
	});
}

/** PATCH one record with only the fields the user chose. */
export function updateRecord(resource: ResourceSpec, declaration: OperationDeclaration): Operation {
	return customOperation(resource, declaration, {
		method: 'PATCH',
		url: `=${recordPath(resource)}`,
		preSend: [...idChecks(resource, true), requireUpdateFields],
	});
}

/** BuildWorkPro answers a delete with 204 and no body; the node says which record went. */
function confirmDeletion(idParameter: string): PostReceive {
	return async function (this: IExecuteSingleFunctions) {
		const id = Number(
			String(this.getNodeParameter(idParameter, '', { extractValue: true })).trim(),
		);
		return [{ json: { id, deleted: true }, pairedItem: { item: this.getItemIndex() } }];
	};
}

/** DELETE one record → `{ id, deleted: true }`. */
export function deleteRecord(resource: ResourceSpec, declaration: OperationDeclaration): Operation {
	return customOperation(resource, declaration, {
		method: 'DELETE',
		url: `=${recordPath(resource)}`,
		preSend: idChecks(resource, true),
		postReceive: [confirmDeletion(resource.idParameter)],
	});
}

/** GET the collection, page after page, one output item per record. */
export function listRecords(
	resource: ResourceSpec,
	declaration: OperationDeclaration,
	pager: Pager = fetchAllPages,
): Operation {
	return customOperation(resource, declaration, {
		method: 'GET',
		url: expression(collectionPath(resource)),
		preSend: [...idChecks(resource.parent, true), normalizeListFilters],
		pager,
	});
}

/** GET a read-only view of the collection (count, summary) → one item. */
export function readCollection(
	resource: ResourceSpec,
	declaration: OperationDeclaration,
	segment: string,
): Operation {
	return customOperation(resource, declaration, {
		method: 'GET',
		url: `${resource.path}/${segment}`,
		preSend: [normalizeListFilters],
	});
}

/** POST an action to one record (send, accept, approve, …) → the record as it is afterwards. */
export function recordAction(
	resource: ResourceSpec,
	declaration: OperationDeclaration,
	segment: string,
): Operation {
	return customOperation(resource, declaration, {
		method: 'POST',
		url: `=${recordPath(resource)}/${segment}`,
		preSend: idChecks(resource, true),
	});
}

/** POST an action to the collection (get-many, from-bid, reorder, …). */
export function collectionAction(
	resource: ResourceSpec,
	declaration: OperationDeclaration,
	segment: string,
	preSend: PreSend[] = [],
): Operation {
	return customOperation(resource, declaration, {
		method: 'POST',
		url: expression(`${collectionPath(resource)}/${segment}`),
		preSend: [...idChecks(resource.parent, true), ...preSend],
	});
}

/** POST /<family>/get-many with up to 50 IDs → one item per record found (missing IDs are skipped). */
export function getRecordsByIds(
	resource: ResourceSpec,
	{ fields, ...text }: OperationDeclaration,
): Operation {
	const option = operation(text, {
		method: 'POST',
		url: expression(`${collectionPath(resource)}/get-many`),
		preSend: [...idChecks(resource.parent, true), requireIdList],
	});
	return describeOperation(resource, option, fields, { lookup: true });
}

/** The record's id as the user typed it, as a number. */
function recordIdOf(context: FileContext, resource: ResourceSpec): number {
	return Number(
		String(context.getNodeParameter(resource.idParameter, '', { extractValue: true })).trim(),
	);
}

/**
 * What a record's PDF is called when the server sends no name: "<resource>-<number>.pdf", the
 * number looked up on the record (its id when the lookup fails: a name is not worth failing for).
 */
function pdfOutput(resource: ResourceSpec): FileOutput {
	return {
		json: (context) => ({ id: recordIdOf(context, resource) }),
		fallbackFileName: async (context, session, passthrough) => {
			const id = recordIdOf(context, resource);
			let number: unknown;
			try {
				const answer = await requestBuildWorkPro(
					context,
					{ method: 'GET', url: `${resource.path}/${id}`, passthrough },
					session,
				);
				const record = unwrapEnvelope(answer.body) as IDataObject | undefined;
				number = record?.[`${resource.value}Number`];
			} catch {
				number = undefined;
			}
			return fileNameFor(resource.value, number || id, 'pdf');
		},
		fallbackMimeType: 'application/pdf',
		accept: 'application/pdf, application/problem+json;q=0.9, */*;q=0.8',
		what: (context) => `the PDF of ${resource.noun} ${recordIdOf(context, resource)}`,
	};
}

/**
 * The record's PDF as binary data, in the output field the user names. `job`: POST …/pdf starts a
 * job, which is waited for (unless Wait for Completion is off) and whose file is downloaded (bids,
 * pay apps, change orders); `stream`: GET …/pdf answers the PDF itself (invoices).
 */
export function downloadRecordPdf(
	resource: ResourceSpec,
	text: OperationText,
	via: 'job' | 'stream',
): Operation {
	const output = pdfOutput(resource);
	const fields = [
		binaryOutputProperty(),
		...(via === 'job' ? [waitForCompletionProperty('the PDF')] : []),
	];
	return customOperation(
		resource,
		{ ...text, fields },
		{
			method: via === 'job' ? 'POST' : 'GET',
			url: `=${recordPath(resource)}/pdf`,
			preSend: idChecks(resource, true),
			pager: via === 'job' ? startJobAndDownload(output) : streamDownload(output),
		},
	);
}

/**
 * An export's filters, sent as `filters.<name>` in its body: cleaned up as Get Many's query
 * parameters are (empty ones left out, dates made UTC timestamps), and `{}` when there are none.
 */
async function cleanExportFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// The request body n8n built from the parameters is JSON.
	const body = (isPlainObject(requestOptions.body) ? requestOptions.body : {}) as IDataObject;
	const query = requestOptions.qs;
	requestOptions.qs = isPlainObject(body.filters) ? { ...(body.filters as IDataObject) } : {};
	await normalizeListFilters.call(this, requestOptions);
	body.filters = requestOptions.qs;
	requestOptions.qs = query;
	requestOptions.body = body;
	return requestOptions;
}

/**
 * POST /<family>/exports {filters} → a job whose file is the CSV of every matching record, as
 * binary data; far fewer requests than paging through Get Many for large lists.
 */
export function exportRecords(
	resource: ResourceSpec,
	declaration: OperationDeclaration,
): Operation {
	const family = resource.path.replace(/^\//, '');
	return customOperation(resource, declaration, {
		method: 'POST',
		url: expression(`${collectionPath(resource)}/exports`),
		preSend: [...idChecks(resource.parent, true), cleanExportFilters],
		pager: startJobAndDownload({
			json: () => ({}),
			fallbackFileName: async () => `${family}-export.csv`,
			fallbackMimeType: 'text/csv',
			what: () => `the export of ${plural(resource.noun)}`,
			fromJob: (job) => {
				const progress = isPlainObject(job.progress) ? job.progress : {};
				return typeof progress.total === 'number' ? { rowCount: progress.total } : {};
			},
		}),
	});
}
