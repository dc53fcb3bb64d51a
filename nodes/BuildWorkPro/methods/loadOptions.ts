import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchLookupPage, personName } from './lookup';

/**
 * The node's dropdowns of tenant-defined records (`typeOptions.loadOptionsMethod`), read through
 * the transport like every other request. Options are worded and ordered as the dropdowns always
 * had them: the record's name, its ID as the value, sorted by name regardless of case.
 */

/** A users list longer than this is better given as an ID (an expression). */
const MAX_USER_PAGES = 10;
const USERS_PAGE_SIZE = 100;

function option(name: string | undefined, record: IDataObject): INodePropertyOptions | undefined {
	const value = record.id;
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	return { name: name ?? '', value };
}

/** By name, ignoring case; equal names keep the API's order. */
function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	const key = (o: INodePropertyOptions) => o.name.toLowerCase();
	return options.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function present<T>(value: T | undefined): value is T {
	return value !== undefined;
}

export async function getLeadStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { records } = await fetchLookupPage(this, '/lead-stages', {}, 'lead stages');
	return byName(
		records
			.map((record) =>
				option(
					record.name === undefined || record.name === null ? undefined : String(record.name),
					record,
				),
			)
			.filter(present),
	);
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	let cursor: string | undefined;
	for (let page = 1; page <= MAX_USER_PAGES; page++) {
		const qs: IDataObject = { limit: USERS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
		const { records, pagination } = await fetchLookupPage(this, '/users', qs, 'users');
		for (const record of records) {
			const entry = option(personName(record), record);
			if (entry) options.push(entry);
		}
		const next = typeof pagination.cursor === 'string' ? pagination.cursor : '';
		if (pagination.has_more !== true || next === '' || next === cursor) break;
		cursor = next;
	}
	return byName(options);
}

/** The node's `methods.loadOptions`. */
export const loadOptions = { getLeadStages, getUsers };
