// `npm run docs:operations`: rewrites the table of operations in docs/operations.md from the node,
// the API coverage manifest and openapi.json (for the scopes; ../shared/buildworkpro or
// BWP_SHARED_DIR), and the fields Simplify returns per resource from
// nodes/BuildWorkPro/description/simplifiedFields.ts. test/api-coverage and test/node/simplify
// check that the page is up to date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import {
	COMPACT_LISTS,
	resourcesWithSimplify,
	simplifiedFieldsText,
} from '../nodes/BuildWorkPro/routing/simplifiedFields';
import { OPERATIONS_PAGE, operationsTable, withTable } from '../test/api-coverage/operations-table';

const repoRoot = resolve(__dirname, '..');
const openapiPath = join(
	process.env.BWP_SHARED_DIR ?? resolve(repoRoot, '..', 'shared', 'buildworkpro'),
	'openapi.json',
);
if (!existsSync(openapiPath)) {
	console.error(`${openapiPath} not found: the scopes come from it (set BWP_SHARED_DIR)`);
	process.exit(1);
}
const pagePath = join(repoRoot, OPERATIONS_PAGE);
// Loaded by its full file name: 'BuildWorkPro.node' alone would resolve to the codex JSON here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BuildWorkPro } = require(join(repoRoot, 'nodes/BuildWorkPro/BuildWorkPro.node.ts'));
const table = operationsTable(
	new BuildWorkPro().description,
	JSON.parse(readFileSync(openapiPath, 'utf8')),
);

const SIMPLIFY_START = '<!-- simplify fields: npm run docs:operations -->';
const SIMPLIFY_END = '<!-- end of simplify fields -->';

/** One line per resource with Simplify, in the order of the Resource list. */
function simplifyList(description: INodeTypeDescription): string {
	const { properties } = description;
	const resourceList = properties.find(
		(property) => property.name === 'resource',
	) as INodeProperties;
	const simplified = new Set(resourcesWithSimplify());
	const lines: string[] = [];
	for (const resource of resourceList.options as INodePropertyOptions[]) {
		const value = String(resource.value);
		if (!simplified.has(value)) continue;
		const selector = properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
		);
		const operations = ((selector?.options ?? []) as INodePropertyOptions[])
			.filter((operation) => operation.value === 'get' || operation.value === 'getAll')
			.map((operation) => operation.name)
			.sort((a, b) => a.localeCompare(b));
		const compact = COMPACT_LISTS.has(value) ? '; Get Many asks for compact items' : '';
		lines.push(
			`- **${resource.name}** (${operations.join(', ')}${compact}). Simplify returns: ${simplifiedFieldsText(value)}`,
		);
	}
	return lines.join('\n');
}

function withSimplifyList(page: string, list: string): string {
	const start = page.indexOf(SIMPLIFY_START);
	const end = page.indexOf(SIMPLIFY_END);
	if (start < 0 || end < start)
		throw new Error(`${OPERATIONS_PAGE} lacks the markers ${SIMPLIFY_START} … ${SIMPLIFY_END}`);
	return `${page.slice(0, start + SIMPLIFY_START.length)}\n${list}\n${page.slice(end)}`;
}

const description = new BuildWorkPro().description as INodeTypeDescription;
const list = simplifyList(description);
writeFileSync(pagePath, withSimplifyList(withTable(readFileSync(pagePath, 'utf8'), table), list));
console.log(`${relative(repoRoot, pagePath)}: ${table.split('\n').length - 2} operations`);
console.log(`${relative(repoRoot, pagePath)}: Simplify on ${list.split('\n').length} resources`);
