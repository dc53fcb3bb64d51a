import { NodeApiError } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';

import { isObject, isPlainObject } from '../../shared/objects';
import { requestBuildWorkPro } from '../../shared/transport/request';
import { openSession } from '../../shared/transport/session';
import { requestFromRouting, toItems } from './bridge';
import { compactQuery, simplifyItems } from './simplify';

/** BuildWorkPro's largest cursor page. */
export const MAX_PAGE_SIZE = 100;
/** The largest page of lists paged by number (`GET /invoices`). */
export const MAX_NUMBERED_PAGE_SIZE = 200;

export interface Page {
	records: unknown[];
	cursor: string | null;
	hasMore: boolean;
}

/** Fetches one page: `cursor` is undefined for the first. */
export type FetchPage = (
	cursor: string | undefined,
	pageSize: number,
	pageNumber: number,
) => Promise<Page>;

/** Builds the error to throw when the server's cursors would make us loop or stop short. */
export type PagingFailure = (reason: string, pageNumber: number) => Error;

/**
 * Follows `meta.pagination.cursor` until `has_more` is false, or until `limit` records are in hand
 * (asking each page for no more than still needed). Refuses to loop: a cursor seen before, an
 * empty page that claims more, or "more" without a cursor all stop with `fail`.
 */
export async function followCursor(
	fetchPage: FetchPage,
	limit: number | undefined,
	fail: PagingFailure,
): Promise<unknown[]> {
	const records: unknown[] = [];
	const seenCursors = new Set<string>();
	const seenIds = new Set<unknown>();
	let cursor: string | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		const stillNeeded = limit === undefined ? MAX_PAGE_SIZE : limit - records.length;
		if (stillNeeded <= 0) break;
		const page = await fetchPage(cursor, Math.min(stillNeeded, MAX_PAGE_SIZE), pageNumber);
		// A page made only of records we already have means the cursor did not move us forward.
		let newRecords = 0;
		for (const record of page.records) {
			const id = recordId(record);
			if (id === undefined || !seenIds.has(id)) newRecords += 1;
			if (id !== undefined) seenIds.add(id);
		}
		if (pageNumber > 1 && page.records.length > 0 && newRecords === 0) {
			throw fail(
				'BuildWorkPro sent a page of records it had already sent, so paging would never end',
				pageNumber,
			);
		}
		// push one by one: concatenating arrays page after page would copy everything each time
		for (const record of page.records) records.push(record);
		if (!page.hasMore) break;
		if (!page.cursor) {
			throw fail(
				'BuildWorkPro announced more results but sent no cursor to fetch them',
				pageNumber,
			);
		}
		if (page.records.length === 0) {
			throw fail('BuildWorkPro sent an empty page yet announced more results', pageNumber);
		}
		if (seenCursors.has(page.cursor) || page.cursor === cursor) {
			throw fail(
				'BuildWorkPro sent a cursor it had already sent, so paging would never end',
				pageNumber,
			);
		}
		seenCursors.add(page.cursor);
		cursor = page.cursor;
	}
	if (limit !== undefined && records.length > limit) records.length = limit;
	return records;
}

function recordId(record: unknown): unknown {
	return isObject(record) ? record.id : undefined;
}

/**
 * Records of a list that is not a snapshot (paged by number or offset): a record added while we
 * page shifts the later pages, so one can come twice; it is kept once. Pages that bring nothing
 * new three times in a row mean the server is not moving us forward.
 */
class ShiftingListRecords {
	readonly records: unknown[] = [];
	private readonly seenIds = new Set<unknown>();
	private pagesWithNothingNew = 0;

	constructor(private readonly fail: PagingFailure) {}

	add(page: unknown[]): void {
		let newRecords = 0;
		for (const record of page) {
			const id = recordId(record);
			if (id !== undefined && this.seenIds.has(id)) continue;
			if (id !== undefined) this.seenIds.add(id);
			this.records.push(record);
			newRecords += 1;
		}
		this.pagesWithNothingNew = newRecords === 0 ? this.pagesWithNothingNew + 1 : 0;
	}

	/** Before asking for another page: refuses to go on when the last pages brought nothing new. */
	checkProgress(pageNumber: number): void {
		if (this.pagesWithNothingNew >= 3) {
			throw this.fail(
				'BuildWorkPro sent pages of records it had already sent, so paging would never end',
				pageNumber,
			);
		}
	}

	upTo(limit: number | undefined): unknown[] {
		if (limit !== undefined && this.records.length > limit) this.records.length = limit;
		return this.records;
	}
}

/** One page of a list paged by number: `meta.pagination = { page, pageSize, total }`. */
export interface NumberedPage {
	records: unknown[];
	total: number | undefined;
}

export type FetchNumberedPage = (page: number, pageSize: number) => Promise<NumberedPage>;

/**
 * Walks `page=1,2,…` until the list's `total` is reached, a page comes back short, or `limit`
 * records are in hand. Such a list is not a snapshot (ShiftingListRecords).
 */
export async function followPageNumbers(
	fetchPage: FetchNumberedPage,
	limit: number | undefined,
	fail: PagingFailure,
): Promise<unknown[]> {
	const list = new ShiftingListRecords(fail);
	// The page size stays the same for every page; with a Limit, the fewest pages that hold it,
	// evenly filled (Limit 250: two pages of 125, not 200 + 200).
	const pageSize =
		limit === undefined
			? MAX_NUMBERED_PAGE_SIZE
			: Math.ceil(limit / Math.ceil(limit / MAX_NUMBERED_PAGE_SIZE));
	for (let pageNumber = 1; ; pageNumber++) {
		if (limit !== undefined && list.records.length >= limit) break;
		const page = await fetchPage(pageNumber, pageSize);
		list.add(page.records);
		if (page.records.length < pageSize) break;
		if (page.total !== undefined && pageNumber * pageSize >= page.total) break;
		list.checkProgress(pageNumber);
	}
	return list.upTo(limit);
}

/** One page of a list paged by offset (`limit`, `offset`); `hasMore` when the answer says so. */
export interface OffsetPage {
	records: unknown[];
	hasMore: boolean | undefined;
}

export type FetchOffsetPage = (
	offset: number,
	pageSize: number,
	pageNumber: number,
) => Promise<OffsetPage>;

/**
 * Walks `offset=0,n,2n,…` (the offset grows by what each page brought) until a page says there is
 * no more, comes back shorter than asked or empty, or `limit` records are in hand; each page asks
 * for no more than is still missing. Like numbered pages, an offset list is not a snapshot
 * (ShiftingListRecords).
 */
export async function followOffsets(
	fetchPage: FetchOffsetPage,
	limit: number | undefined,
	fail: PagingFailure,
): Promise<unknown[]> {
	const list = new ShiftingListRecords(fail);
	let offset = 0;
	for (let pageNumber = 1; ; pageNumber++) {
		const stillNeeded = limit === undefined ? MAX_PAGE_SIZE : limit - list.records.length;
		if (stillNeeded <= 0) break;
		const pageSize = Math.min(stillNeeded, MAX_PAGE_SIZE);
		const page = await fetchPage(offset, pageSize, pageNumber);
		list.add(page.records);
		if (page.records.length === 0 || page.hasMore === false) break;
		if (page.hasMore === undefined && page.records.length < pageSize) break;
		list.checkProgress(pageNumber);
		offset += page.records.length;
	}
	return list.upTo(limit);
}

/** Reads one list answer `{ data: [...], meta: { pagination: { cursor, has_more } } }`. */
export function pageFromBody(body: unknown): Page | undefined {
	if (!isPlainObject(body) || !Array.isArray(body.data)) return undefined;
	const pagination =
		isPlainObject(body.meta) && isPlainObject(body.meta.pagination)
			? body.meta.pagination
			: undefined;
	const cursor =
		typeof pagination?.cursor === 'string' && pagination.cursor !== '' ? pagination.cursor : null;
	return {
		records: body.data,
		cursor,
		// Liberal: a list without pagination metadata is a single page, and a cursor without
		// has_more means there is more.
		hasMore:
			pagination?.has_more === true || (pagination?.has_more === undefined && cursor !== null),
	};
}

function parseLimit(maxResults: number | string | undefined): number | undefined {
	if (maxResults === undefined || maxResults === '') return undefined;
	const limit = Math.floor(Number(maxResults));
	return Number.isFinite(limit) && limit > 0 ? limit : undefined;
}

type PageRequest = (qs: IDataObject, pageNumber: number) => Promise<unknown>;

/**
 * What every list hook shares: the request n8n built, sent page by page through the transport
 * (so every page is paced and retried), one output item per record (simplified when Simplify is
 * on: see simplify.ts).
 */
function listHook(
	follow: (
		requestPage: PageRequest,
		limit: number | undefined,
		fail: PagingFailure,
	) => Promise<unknown[]>,
) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const request = requestFromRouting(this, requestData);
		const itemIndex = this.getItemIndex();
		const session = await openSession(this);
		const compact = compactQuery(this);
		const requestPage: PageRequest = async (pageQuery, pageNumber) => {
			const answer = await requestBuildWorkPro(
				this,
				{
					...request,
					qs: { ...(request.qs ?? {}), ...compact, ...pageQuery },
					note: pageNumber > 1 ? `While fetching page ${pageNumber} of the list.` : undefined,
				},
				session,
			);
			if (!isPlainObject(answer.body) || !Array.isArray(answer.body.data)) {
				throw new NodeApiError(this.getNode(), { status: answer.statusCode } as JsonObject, {
					message: `BuildWorkPro's answer to page ${pageNumber} was not a list`,
					description: 'Expected a JSON body with a "data" array.',
					itemIndex,
				});
			}
			return answer.body;
		};
		const fail: PagingFailure = (reason, pageNumber) =>
			new NodeApiError(this.getNode(), { pageNumber } as JsonObject, {
				message: reason,
				description: `Stopped after page ${pageNumber} instead of looping. Run the node again; if it keeps happening, report it to BuildWorkPro.`,
				itemIndex,
			});
		const records = await follow(requestPage, parseLimit(requestData.maxResults), fail);
		return simplifyItems(this, toItems(records, itemIndex));
	};
}

/**
 * Declarative hook for "Get Many" of cursor lists (most of the API). Return All when the
 * operation set no `output.maxResults`, otherwise at most that many.
 */
export const fetchAllPages = listHook(async (requestPage, limit, fail) =>
	followCursor(
		async (cursor, pageSize, pageNumber) => {
			const qs: IDataObject = { limit: pageSize };
			if (cursor !== undefined) qs.cursor = cursor;
			return pageFromBody(await requestPage(qs, pageNumber))!;
		},
		limit,
		fail,
	),
);

/** Declarative hook for "Get Many" of lists paged by number (`page`, `pageSize`). */
export const fetchAllNumberedPages = listHook(async (requestPage, limit, fail) =>
	followPageNumbers(
		async (page, pageSize) => {
			const body = (await requestPage({ page, pageSize }, page)) as {
				data: unknown[];
				meta?: { pagination?: { total?: unknown } };
			};
			const total = body.meta?.pagination?.total;
			return { records: body.data, total: typeof total === 'number' ? total : undefined };
		},
		limit,
		fail,
	),
);

/** Declarative hook for "Get Many" of lists paged by offset (`limit`, `offset`: notifications). */
export const fetchAllOffsetPages = listHook(async (requestPage, limit, fail) =>
	followOffsets(
		async (offset, pageSize, pageNumber) => {
			const body = (await requestPage({ limit: pageSize, offset }, pageNumber)) as {
				data: unknown[];
				meta?: { pagination?: { has_more?: unknown } };
			};
			const hasMore = body.meta?.pagination?.has_more;
			return { records: body.data, hasMore: typeof hasMore === 'boolean' ? hasMore : undefined };
		},
		limit,
		fail,
	),
);

/**
 * Declarative hook for "Get Many" of lists the API returns whole (lead stages, line items,
 * payments): one request without paging parameters; Limit applies to what comes back.
 */
export const fetchWholeList = listHook(async (requestPage, limit) => {
	const body = (await requestPage({}, 1)) as { data: unknown[] };
	return limit === undefined ? body.data : body.data.slice(0, limit);
});
