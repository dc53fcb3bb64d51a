/**
 * API coverage: every operation in BuildWorkPro's OpenAPI document is either sent by a node
 * operation or left out for a stated reason, and every covered operation sends the method and
 * path the document names, with each ID URL-encoded into the path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { ROUTES as SANDBOX_ROUTES } from '../../sandbox/routeTable';
import { API_COVERAGE, SHARED_REQUESTS } from './manifest';
import { OPERATIONS_PAGE, operationsTable, tableInPage } from './operations-table';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const sharedDir =
	process.env.BWP_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'buildworkpro');
const openapiPath = join(sharedDir, 'openapi.json');

interface NodeOperation {
	key: string;
	method: string;
	url: string;
}

/** Every resource.operation of the node, with the request its routing describes. */
function nodeOperations(): NodeOperation[] {
	const { properties } = new BuildWorkPro().description;
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) => {
			const resource = String(selector.displayOptions?.show?.resource?.[0]);
			return (selector.options as INodePropertyOptions[]).map((option) => ({
				key: `${resource}.${option.value}`,
				method: String(option.routing?.request?.method ?? ''),
				url: String(option.routing?.request?.url ?? ''),
			}));
		});
}

/** '=/bids/{{ encodeURIComponent(…) }}/accept' → '/bids/{}/accept'; '/bids/{id}/accept' likewise. */
const nodePathShape = (url: string) => url.replace(/^=/, '').replace(/\{\{.*?\}\}/g, '{}');
const specPathShape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

const operations = nodeOperations();

describe('the node', () => {
	it('puts every ID into a path URL-encoded, so "12/../delete" stays one segment', () => {
		for (const operation of operations) {
			for (const expression of operation.url.match(/\{\{.*?\}\}/g) ?? []) {
				expect(`${operation.key}: ${expression}`).toMatch(/^[^:]+: \{\{ encodeURIComponent\(/);
			}
		}
	});

	it('sends each operation to a documented request: every resource.operation is in the manifest', () => {
		const coveredKeys = new Set<string>(
			Object.values(API_COVERAGE).filter(
				(entry): entry is `${string}.${string}` => typeof entry === 'string',
			),
		);
		for (const [operation, request] of Object.entries(SHARED_REQUESTS))
			if (typeof API_COVERAGE[request] === 'string') coveredKeys.add(operation);
		const undocumented = operations
			.map((operation) => operation.key)
			.filter((key) => !coveredKeys.has(key));
		expect(undocumented).toEqual([]);
	});

	it('sends only requests the sandbox serves, so every covered operation can be tried locally', () => {
		const served = new Set(SANDBOX_ROUTES.map((route) => `${route.method} ${route.path}`));
		const unserved = Object.entries(API_COVERAGE)
			.filter(([request, entry]) => typeof entry === 'string' && !served.has(request))
			.map(([request, entry]) => `${entry as string}: ${request}`);
		expect(unserved).toEqual([]);
	});
});

describe("against BuildWorkPro's OpenAPI document", () => {
	if (!existsSync(openapiPath)) {
		it.skip(`skipped: ${openapiPath} not found (set BWP_SHARED_DIR)`, () => undefined);
		return;
	}
	const openapi = JSON.parse(readFileSync(openapiPath, 'utf8')) as {
		paths: Record<string, Record<string, unknown>>;
	};
	const documented = Object.entries(openapi.paths).flatMap(([path, item]) =>
		Object.keys(item)
			.filter((method) => METHODS.includes(method))
			.map((method) => `${method.toUpperCase()} ${path}`),
	);

	it('accounts for every documented operation, and names none the document lacks', () => {
		const unaccounted = documented.filter((key) => !(key in API_COVERAGE));
		const unknown = Object.keys(API_COVERAGE).filter((key) => !documented.includes(key));
		expect({ unaccounted, unknown }).toEqual({ unaccounted: [], unknown: [] });
	});

	it('sends each covered operation with the documented method and path', () => {
		const mismatches: string[] = [];
		const sent = [
			...Object.entries(API_COVERAGE),
			...Object.entries(SHARED_REQUESTS).map(
				([operation, request]) => [request, operation] as const,
			),
		];
		for (const [key, coverage] of sent) {
			if (typeof coverage !== 'string') continue;
			const operation = operations.find((candidate) => candidate.key === coverage);
			const [method, path] = key.split(' ');
			if (!operation) mismatches.push(`${key}: the node has no ${coverage}`);
			else if (
				operation.method !== method ||
				nodePathShape(operation.url) !== specPathShape(path)
			) {
				mismatches.push(
					`${key}: ${coverage} sends ${operation.method} ${nodePathShape(operation.url)}`,
				);
			}
		}
		expect(mismatches).toEqual([]);
	});

	it('gives a reason for every operation it leaves out', () => {
		const covered = Object.values(API_COVERAGE).filter((entry) => typeof entry === 'string').length;
		const excluded = Object.values(API_COVERAGE).filter((entry) => typeof entry !== 'string');
		for (const entry of excluded)
			expect((entry as { excluded: string }).excluded.length).toBeGreaterThan(20);
		// The figures the README, docs/operations.md and closing notes quote.
		process.stdout.write(
			`API coverage: ${documented.length} operations, ${covered} covered, ${excluded.length} excluded\n`,
		);
	});
});

describe(`the table of operations in ${OPERATIONS_PAGE}`, () => {
	const page = readFileSync(resolve(__dirname, '..', '..', OPERATIONS_PAGE), 'utf8');
	const withoutScopes = (table: string) =>
		table.split('\n').map((row) => row.split('|').slice(0, 4).join('|'));

	it('lists every operation of the node with the request it sends (run npm run docs:operations after a change)', () => {
		expect(withoutScopes(tableInPage(page))).toEqual(
			withoutScopes(operationsTable(new BuildWorkPro().description)),
		);
	});

	const withSpec = existsSync(openapiPath) ? it : it.skip;
	withSpec(
		`names the scope each operation needs, as openapi.json does${existsSync(openapiPath) ? '' : ` (skipped: ${openapiPath} not found)`}`,
		() => {
			expect(tableInPage(page)).toEqual(
				operationsTable(
					new BuildWorkPro().description,
					JSON.parse(readFileSync(openapiPath, 'utf8')),
				),
			);
		},
	);
});

describe('the construction workflow families', () => {
	/** Leads, projects, bids, change orders, pay apps, invoices and users: every JSON operation is in the node. */
	const FAMILIES = [
		'/contacts',
		'/leads',
		'/lead-stages',
		'/projects',
		'/bids',
		'/change-orders',
		'/pay-apps',
		'/invoices',
		'/users',
	];
	/** Files and jobs come with binary data support. */
	const FILE_OPERATION = /\/(exports|imports|bulk|pdf)$/;

	it('are covered operation by operation, except their file and job operations', () => {
		const uncovered = Object.entries(API_COVERAGE)
			.filter(([key]) =>
				FAMILIES.some(
					(family) => key.split(' ')[1] === family || key.split(' ')[1].startsWith(`${family}/`),
				),
			)
			.filter(([key, coverage]) => typeof coverage !== 'string' && !FILE_OPERATION.test(key))
			.map(([key]) => key);
		expect(uncovered).toEqual([]);
	});
});
