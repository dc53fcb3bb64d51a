// The lists a Return All walks (shared by bench/run.ts and bench/contender.ts, which runs on import).

/** Which list a Return All walks: contacts by cursor (the default), or invoices by page/pageSize. */
export interface ListSpec {
	/** The node's resource (Get Many, Return All). */
	resource: string;
	/** The API path the raw loop pages through. */
	path: string;
	pagination: 'cursor' | 'page';
	/** limit (cursor) or pageSize (page) of every request: what the node sends. */
	pageSize: number;
}

export const CONTACT_LIST: ListSpec = {
	resource: 'contact',
	path: '/contacts',
	pagination: 'cursor',
	pageSize: 100,
};
export const INVOICE_LIST: ListSpec = {
	resource: 'invoice',
	path: '/invoices',
	pagination: 'page',
	pageSize: 200,
};
