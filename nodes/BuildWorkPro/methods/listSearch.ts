import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isPlainObject } from '../../shared/objects';
import {
	currentParameterValue,
	fetchLookupPage,
	idOf,
	joinLabel,
	personName,
	shortened,
	textOf,
} from './lookup';
import type { LookupPage } from './lookup';

/**
 * The "From list" mode of the node's resource locators: one search method per record family an
 * ID parameter can point at. Each lists the family's records through the transport, worded so a
 * person can tell them apart (`name`) with the ID as the value, filtered by what the user typed
 * and paged with BuildWorkPro's own cursor or page number (n8n's `paginationToken`).
 *
 * How a family's list is read comes from openapi.json:
 * - `cursor` lists take `limit` (1..100) and `cursor`, and answer `meta.pagination.cursor`;
 * - `pageNumber` lists (`GET /invoices`) take `page` and `pageSize`, and answer the `total`;
 * - `whole` lists (lead stages, webhook endpoints, a record's line items, payments, comments)
 *   answer every record at once.
 */

/** The largest page a cursor list gives. */
const CURSOR_PAGE_SIZE = 100;
/** Invoices come by page number (up to 200 a page): a page the size of the others. */
const NUMBERED_PAGE_SIZE = 100;

type Paging = 'cursor' | 'pageNumber' | 'whole';

interface FamilySpec {
	/** The list in error messages: "While listing contacts to choose from." */
	what: string;
	/** A record with nothing to show but its ID: "Contact 12". */
	noun: string;
	/**
	 * Parameters of the node holding the parent IDs the path is built from (a line item's bid).
	 * With any of them unset the list is empty, and nothing is asked.
	 */
	parents?: readonly string[];
	path: (parents: string[]) => string;
	paging: Paging;
	/**
	 * The list's own text filter (`search`, or `q` on invoices). Cursor and numbered lists without
	 * one are not searchable: filtering a page here would hide matches on the pages not yet read.
	 * Whole lists are filtered here, on every record, as the user types.
	 */
	searchParameter?: 'search' | 'q';
	/**
	 * The list takes `compact=true`. Compact rows keep the record's required fields (openapi.json),
	 * and every field a label below uses is one of them.
	 */
	compact?: boolean;
	label: (record: IDataObject) => string | undefined;
	/** Where the records are when the answer is not a list (an invoice with its line items). */
	recordsOf?: (page: LookupPage) => IDataObject[];
}

/** The date part of an ISO timestamp ("2026-03-01T08:00:00.000Z" → "2026-03-01"). */
function dateOf(record: IDataObject, field: string): string | undefined {
	const text = textOf(record, field);
	return text && /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
}

function amountLabel(prefix: string, value: string | undefined): string | undefined {
	return value === undefined ? undefined : `${prefix} ${value}`;
}

const lineLabel = (record: IDataObject) => {
	const quantity = textOf(record, 'quantity');
	const unitPrice = textOf(record, 'unitPrice');
	return joinLabel(
		shortened(textOf(record, 'description')),
		quantity !== undefined && unitPrice !== undefined ? `${quantity} × ${unitPrice}` : undefined,
	);
};

const byId = (id: string) => encodeURIComponent(id);

const FAMILIES = {
	contacts: {
		what: 'contacts',
		noun: 'Contact',
		path: () => '/contacts',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) =>
			joinLabel(
				[textOf(r, 'firstName'), textOf(r, 'lastName')].filter(Boolean).join(' ') || undefined,
				textOf(r, 'companyName'),
			) || textOf(r, 'email'),
	},
	leads: {
		what: 'leads',
		noun: 'Lead',
		path: () => '/leads',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => textOf(r, 'name'),
	},
	leadStages: {
		what: 'lead stages',
		noun: 'Lead stage',
		path: () => '/lead-stages',
		paging: 'whole',
		label: (r) => textOf(r, 'name'),
	},
	projects: {
		what: 'projects',
		noun: 'Project',
		path: () => '/projects',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => joinLabel(textOf(r, 'projectNumber'), textOf(r, 'name')),
	},
	bids: {
		what: 'bids',
		noun: 'Bid',
		path: () => '/bids',
		paging: 'cursor',
		searchParameter: 'search',
		// No compact rows: a bid's name (optional, accepted on create) is not among the fields they
		// keep, and it is what people know a bid by. Without one, where the work is tells bids apart.
		label: (r) =>
			joinLabel(
				textOf(r, 'bidNumber'),
				textOf(r, 'name') ?? textOf(r, 'siteAddress'),
				textOf(r, 'status'),
			),
	},
	bidLineItems: {
		what: "the bid's line items",
		noun: 'Line item',
		parents: ['bidId'],
		path: ([bidId]) => `/bids/${byId(bidId)}/line-items`,
		paging: 'whole',
		label: lineLabel,
	},
	changeOrders: {
		what: 'change orders',
		noun: 'Change order',
		path: () => '/change-orders',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => joinLabel(textOf(r, 'changeOrderNumber'), textOf(r, 'title')),
	},
	payApps: {
		what: 'pay applications',
		noun: 'Pay application',
		path: () => '/pay-apps',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => {
			const start = dateOf(r, 'periodStart');
			const end = dateOf(r, 'periodEnd');
			return joinLabel(
				textOf(r, 'payAppNumber'),
				start && end ? `${start} to ${end}` : undefined,
				textOf(r, 'status'),
			);
		},
	},
	invoices: {
		what: 'invoices',
		noun: 'Invoice',
		path: () => '/invoices',
		paging: 'pageNumber',
		searchParameter: 'q',
		// No compact rows on this list. An invoice names its customer by contactId only: a name
		// would cost a contact lookup per page, so the label says what the invoice itself does.
		label: (r) =>
			joinLabel(
				textOf(r, 'invoiceNumber'),
				textOf(r, 'status'),
				amountLabel('total', textOf(r, 'total')),
			),
	},
	invoiceLineItems: {
		what: "the invoice's line items",
		noun: 'Line item',
		parents: ['invoiceId'],
		// There is no list of an invoice's lines: the invoice itself carries them.
		path: ([invoiceId]) => `/invoices/${byId(invoiceId)}`,
		paging: 'whole',
		label: lineLabel,
		recordsOf: (page) =>
			isPlainObject(page.data) && Array.isArray(page.data.lineItems)
				? page.data.lineItems.filter(isPlainObject).map((r) => r as IDataObject)
				: [],
	},
	invoicePayments: {
		what: "the invoice's payments",
		noun: 'Payment',
		parents: ['invoiceId'],
		path: ([invoiceId]) => `/invoices/${byId(invoiceId)}/payments`,
		paging: 'whole',
		label: (r) =>
			joinLabel(
				textOf(r, 'amount'),
				dateOf(r, 'paidAt'),
				textOf(r, 'method'),
				textOf(r, 'reference'),
				r.voidedAt ? 'voided' : undefined,
			),
	},
	products: {
		what: 'products',
		noun: 'Product',
		path: () => '/products',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => joinLabel(textOf(r, 'name'), textOf(r, 'sku')),
	},
	productKitItems: {
		what: "the kit's items",
		noun: 'Kit item',
		parents: ['productId'],
		path: ([productId]) => `/products/${byId(productId)}/kit-items`,
		paging: 'whole',
		// A kit item names its component by ID only.
		label: (r) =>
			joinLabel(
				amountLabel('product', textOf(r, 'componentProductId')),
				amountLabel('quantity', textOf(r, 'defaultQuantity')),
			),
	},
	siteLogs: {
		what: 'site logs',
		noun: 'Site log',
		path: () => '/site-logs',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => joinLabel(dateOf(r, 'logDate'), textOf(r, 'title')),
	},
	timeEntries: {
		what: 'time entries',
		noun: 'Time entry',
		path: () => '/time-entries',
		// No text filter on this list (openapi.json): not searchable.
		paging: 'cursor',
		compact: true,
		label: (r) =>
			joinLabel(
				dateOf(r, 'date'),
				amountLabel('hours', textOf(r, 'hours')),
				shortened(textOf(r, 'description'), 40),
			),
	},
	documents: {
		what: 'documents',
		noun: 'Document',
		path: () => '/documents',
		paging: 'cursor',
		searchParameter: 'search',
		compact: true,
		label: (r) => {
			const entityType = textOf(r, 'entityType');
			const entityId = textOf(r, 'entityId');
			return joinLabel(
				textOf(r, 'originalFilename'),
				entityType && entityId ? `${entityType} ${entityId}` : undefined,
			);
		},
	},
	comments: {
		what: 'the comments',
		noun: 'Comment',
		parents: ['entityType', 'entityId'],
		path: ([entityType, entityId]) => `/comments/${byId(entityType)}/${byId(entityId)}`,
		paging: 'whole',
		label: (r) => shortened(textOf(r, 'content')),
	},
	users: {
		what: 'users',
		noun: 'User',
		path: () => '/users',
		// No text filter on this list (openapi.json): not searchable.
		paging: 'cursor',
		label: (r) => joinLabel(personName(r), textOf(r, 'email')),
	},
	projectTemplates: {
		what: 'project templates',
		noun: 'Project template',
		path: () => '/project-templates',
		paging: 'cursor',
		label: (r) => textOf(r, 'name'),
	},
	jobs: {
		what: 'jobs',
		noun: 'Job',
		path: () => '/jobs',
		paging: 'cursor',
		label: (r) =>
			joinLabel(
				textOf(r, 'type'),
				textOf(r, 'resourceType'),
				textOf(r, 'status'),
				dateOf(r, 'createdAt'),
			),
	},
	webhookEndpoints: {
		what: 'webhook endpoints',
		noun: 'Webhook endpoint',
		path: () => '/webhook-endpoints',
		paging: 'whole',
		label: (r) => joinLabel(textOf(r, 'url'), shortened(textOf(r, 'description'), 40)),
	},
	webhookDeliveries: {
		what: 'webhook deliveries',
		noun: 'Webhook delivery',
		path: () => '/webhook-deliveries',
		paging: 'cursor',
		label: (r) => joinLabel(textOf(r, 'eventId'), textOf(r, 'status'), dateOf(r, 'createdAt')),
	},
	signatureRequests: {
		what: 'signature requests',
		noun: 'Signature request',
		path: () => '/signature-requests',
		paging: 'cursor',
		label: (r) => {
			const entityType = textOf(r, 'entityType');
			const entityId = textOf(r, 'entityId');
			return joinLabel(
				textOf(r, 'signerName'),
				textOf(r, 'signerEmail'),
				entityType && entityId ? `${entityType} ${entityId}` : undefined,
				textOf(r, 'status'),
			);
		},
	},
} satisfies Record<string, FamilySpec>;

export type ListSearchFamily = keyof typeof FAMILIES;

/** The user's text, matched against a label regardless of case. */
function matches(label: string, filter: string): boolean {
	return label.toLowerCase().includes(filter.toLowerCase());
}

function toItems(spec: FamilySpec, records: IDataObject[]): INodeListSearchItems[] {
	const items: INodeListSearchItems[] = [];
	for (const record of records) {
		const value = idOf(record);
		if (value === undefined) continue;
		items.push({ name: spec.label(record) || `${spec.noun} ${value}`, value });
	}
	return items;
}

/** A page number from n8n's token (ours, so a number); anything else starts over. */
function pageNumberOf(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page >= 1 ? page : 1;
}

function searchMethod(spec: FamilySpec) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const parents: string[] = [];
		for (const name of spec.parents ?? []) {
			const value = currentParameterValue(this, name);
			if (value === undefined) return { results: [] };
			parents.push(value);
		}
		const url = spec.path(parents);
		const search = filter?.trim() ?? '';

		if (spec.paging === 'whole') {
			const page = await fetchLookupPage(this, url, {}, spec.what);
			const items = toItems(spec, spec.recordsOf ? spec.recordsOf(page) : page.records);
			return { results: search ? items.filter((item) => matches(item.name, search)) : items };
		}

		const qs: IDataObject = {};
		if (search && spec.searchParameter) qs[spec.searchParameter] = search;
		if (spec.compact) qs.compact = true;

		if (spec.paging === 'pageNumber') {
			const pageNumber = pageNumberOf(paginationToken);
			Object.assign(qs, { page: pageNumber, pageSize: NUMBERED_PAGE_SIZE });
			const page = await fetchLookupPage(this, url, qs, spec.what);
			const total = Number(page.pagination.total);
			const more = Number.isFinite(total)
				? pageNumber * NUMBERED_PAGE_SIZE < total
				: page.records.length >= NUMBERED_PAGE_SIZE;
			return {
				results: toItems(spec, page.records),
				...(more && page.records.length > 0 ? { paginationToken: String(pageNumber + 1) } : {}),
			};
		}

		qs.limit = CURSOR_PAGE_SIZE;
		if (paginationToken) qs.cursor = paginationToken;
		const page = await fetchLookupPage(this, url, qs, spec.what);
		// Cursors are strings, but signature requests document theirs as a number.
		const raw = page.pagination.cursor;
		const cursor = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
		// A cursor that leads back to this page would have the list load it forever.
		const next =
			page.pagination.has_more === true && cursor !== '' && cursor !== paginationToken
				? cursor
				: undefined;
		return {
			results: toItems(spec, page.records),
			...(next !== undefined ? { paginationToken: next } : {}),
		};
	};
}

type SearchMethodName = `search${Capitalize<ListSearchFamily>}`;

function methodNameOf(family: ListSearchFamily): SearchMethodName {
	return `search${family.charAt(0).toUpperCase()}${family.slice(1)}` as SearchMethodName;
}

/** The node's `methods.listSearch`: `searchContacts`, `searchBids`, `searchBidLineItems`, … */
export const listSearch = Object.fromEntries(
	(Object.keys(FAMILIES) as ListSearchFamily[]).map((family) => [
		methodNameOf(family),
		searchMethod(FAMILIES[family]),
	]),
) as Record<
	SearchMethodName,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
>;

/** What a resource locator's "From list" mode needs to know about a family. */
export interface ListSearchMode {
	/** `typeOptions.searchListMethod` */
	method: SearchMethodName;
	/**
	 * `typeOptions.searchable`: whether the list filters by what the user types. False for lists
	 * BuildWorkPro cannot filter (users, time entries, jobs, …): the user scrolls through pages.
	 */
	searchable: boolean;
	/** The parameters the list needs set before it shows anything (a line item's bid). */
	parents: readonly string[];
}

/** Per family: its search method, whether it is searchable and what it needs set first. */
export const LIST_SEARCH_METHOD_OF_FAMILY = Object.fromEntries(
	(Object.keys(FAMILIES) as ListSearchFamily[]).map((family) => {
		const spec: FamilySpec = FAMILIES[family];
		return [
			family,
			{
				method: methodNameOf(family),
				searchable: spec.paging === 'whole' || spec.searchParameter !== undefined,
				parents: spec.parents ?? [],
			},
		];
	}),
) as Record<ListSearchFamily, ListSearchMode>;

/**
 * The family an ID parameter (or an ID field inside Additional Fields, Update Fields or Filters)
 * points at, by its name. Resource-specific names are in ID_PARAMETER_FAMILY_OF_RESOURCE.
 */
export const FAMILY_OF_ID_PARAMETER: Readonly<Record<string, ListSearchFamily>> = {
	contactId: 'contacts',
	parentContactId: 'contacts',
	leadId: 'leads',
	leadStageId: 'leadStages',
	stageId: 'leadStages',
	projectId: 'projects',
	bidId: 'bids',
	changeOrderId: 'changeOrders',
	payAppId: 'payApps',
	invoiceId: 'invoices',
	paymentId: 'invoicePayments',
	productId: 'products',
	componentProductId: 'products',
	kitItemId: 'productKitItems',
	siteLogId: 'siteLogs',
	timeEntryId: 'timeEntries',
	documentId: 'documents',
	commentId: 'comments',
	userId: 'users',
	assignedTo: 'users',
	reviewedBy: 'users',
	createdBy: 'users',
	projectTemplateId: 'projectTemplates',
	jobId: 'jobs',
	webhookEndpointId: 'webhookEndpoints',
	endpointId: 'webhookEndpoints',
	webhookDeliveryId: 'webhookDeliveries',
	signatureRequestId: 'signatureRequests',
};

/** Names that mean a different family on different resources. */
export const ID_PARAMETER_FAMILY_OF_RESOURCE: Readonly<
	Record<string, Readonly<Record<string, ListSearchFamily>>>
> = {
	bidLineItem: { lineItemId: 'bidLineItems' },
	invoiceLineItem: { lineItemId: 'invoiceLineItems' },
	comment: { parentId: 'comments' },
};

/**
 * ID fields BuildWorkPro offers no list for (openapi.json), so no "From list" mode: they stay
 * typed IDs. `entityId` points at a record of the type named beside it (any family).
 */
export const ID_PARAMETERS_WITHOUT_LIST: readonly string[] = [
	'categoryId',
	'manufacturerId',
	'paymentTermId',
	'paymentTermInstallmentId',
	'phaseId',
	'taskId',
	'templateId',
	'apiKeyId',
	'entityId',
];

/** The list search of an ID parameter of a resource, if it has one. */
export function listSearchOf(resource: string, parameter: string): ListSearchMode | undefined {
	const family =
		ID_PARAMETER_FAMILY_OF_RESOURCE[resource]?.[parameter] ?? FAMILY_OF_ID_PARAMETER[parameter];
	return family ? LIST_SEARCH_METHOD_OF_FAMILY[family] : undefined;
}
