// `npm run docs:operations`: rewrites the README's table of operations from the node, the API
// coverage manifest and openapi.json (for the scopes; ../shared/buildworkpro or BWP_SHARED_DIR).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { operationsTable, withTable } from '../test/api-coverage/operations-table';

const repoRoot = resolve(__dirname, '..');
const openapiPath = join(
	process.env.BWP_SHARED_DIR ?? resolve(repoRoot, '..', 'shared', 'buildworkpro'),
	'openapi.json',
);
if (!existsSync(openapiPath)) {
	console.error(`${openapiPath} not found: the scopes come from it (set BWP_SHARED_DIR)`);
	process.exit(1);
}
const readmePath = join(repoRoot, 'README.md');
// Loaded by its full file name: 'BuildWorkPro.node' alone would resolve to the codex JSON here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BuildWorkPro } = require(join(repoRoot, 'nodes/BuildWorkPro/BuildWorkPro.node.ts'));
const table = operationsTable(
	new BuildWorkPro().description,
	JSON.parse(readFileSync(openapiPath, 'utf8')),
);
writeFileSync(readmePath, withTable(readFileSync(readmePath, 'utf8'), table));
console.log(`README.md: ${table.split('\n').length - 2} operations`);
