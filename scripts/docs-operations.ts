// `npm run docs:operations`: rewrites the table of operations in docs/operations.md from the node,
// the API coverage manifest and openapi.json (for the scopes; ../shared/buildworkpro or
// BWP_SHARED_DIR). test/api-coverage checks that the page is up to date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

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
writeFileSync(pagePath, withTable(readFileSync(pagePath, 'utf8'), table));
console.log(`${relative(repoRoot, pagePath)}: ${table.split('\n').length - 2} operations`);
