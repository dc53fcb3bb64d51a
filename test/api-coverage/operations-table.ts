/**
 * The table of operations in docs/operations.md, made from the node itself (resource and operation
 * names), the coverage manifest (the request each one sends) and openapi.json (the scope each
 * needs). `npm run docs:operations` (scripts/docs-operations.ts) writes it into the page, between
 * the markers below; api-coverage.test.ts checks it is current.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { API_COVERAGE, SHARED_REQUESTS } from './manifest';

/** The page that holds the table, relative to the repository root. */
export const OPERATIONS_PAGE = 'docs/operations.md';

export const TABLE_START = '<!-- operations table: npm run docs:operations -->';
export const TABLE_END = '<!-- end of operations table -->';

interface OpenApi {
	paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
}

function scopesOf(openapi: OpenApi | undefined, key: string): string {
	if (!openapi) return '';
	const [method, path] = key.split(' ');
	const security = openapi.paths[path]?.[method.toLowerCase()]?.security ?? [];
	const scopes = [...new Set(security.flatMap((requirement) => Object.values(requirement).flat()))];
	return scopes.length ? scopes.map((scope) => `\`${scope}\``).join(' + ') : 'none';
}

/** Markdown table rows, resources in the order of the Resource list, operations alphabetically. */
export function operationsTable(description: INodeTypeDescription, openapi?: OpenApi): string {
	const { properties } = description;
	const resourceList = properties.find(
		(property) => property.name === 'resource',
	) as INodeProperties;
	const requestOf = new Map<string, string>();
	for (const [key, coverage] of Object.entries(API_COVERAGE))
		if (typeof coverage === 'string') requestOf.set(coverage, key);
	for (const [operation, key] of Object.entries(SHARED_REQUESTS)) requestOf.set(operation, key);

	const rows = ['| Resource | Operation | Request | Scope |', '| --- | --- | --- | --- |'];
	for (const resource of resourceList.options as INodePropertyOptions[]) {
		const selector = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		const operations = ((selector?.options ?? []) as INodePropertyOptions[])
			.slice()
			.sort((a, b) => a.name.localeCompare(b.name));
		for (const operation of operations) {
			const key = requestOf.get(`${resource.value}.${operation.value}`) ?? '';
			const request = key ? `\`${key}\`` : '';
			const scope = key ? scopesOf(openapi, key) : '';
			rows.push(`| ${resource.name} | ${operation.name} | ${request} | ${scope} |`);
		}
	}
	return rows.join('\n');
}

/** The page's text with its table replaced by `table`. */
export function withTable(page: string, table: string): string {
	const start = page.indexOf(TABLE_START);
	const end = page.indexOf(TABLE_END);
	if (start < 0 || end < start)
		throw new Error(`${OPERATIONS_PAGE} lacks the markers ${TABLE_START} … ${TABLE_END}`);
	return `${page.slice(0, start + TABLE_START.length)}\n${table}\n${page.slice(end)}`;
}

/** The table as the page holds it now ('' when the markers are missing). */
export function tableInPage(page: string): string {
	const start = page.indexOf(TABLE_START);
	const end = page.indexOf(TABLE_END);
	return start < 0 || end < start ? '' : page.slice(start + TABLE_START.length, end).trim();
}
