/**
 * `npm run dev` keeps n8n's user folder inside this repository (.tmp/dev/), where Node's module
 * lookup from the installed package would reach the repository's own n8n-workflow (a development
 * copy, another version) before n8n's. The package must run on n8n's copy, as in any real n8n:
 * with a second copy, n8n does not recognise the package's errors as its own classes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../../e2e/lib/install';
import { useN8nsWorkflowPackage } from '../../scripts/dev';

let root: string;

beforeAll(() => {
	mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
	root = mkdtempSync(join(repoRoot, '.tmp', 'dev-workflow-copy-'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeModule(dir: string): string {
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: 'n8n-workflow', main: 'index.js' }),
	);
	writeFileSync(join(dir, 'index.js'), 'module.exports = {};');
	return realpathSync(join(dir, 'index.js'));
}

it("makes the package installed in dev's user folder load n8n's n8n-workflow, not the repository's", () => {
	const n8nDir = join(root, 'n8n-install');
	const n8nsCopy = fakeModule(join(n8nDir, 'node_modules', 'n8n-workflow'));
	const userFolder = join(root, 'dev', 'n8n-2.40.7');
	const installed = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-buildworkpro');
	mkdirSync(installed, { recursive: true });
	// Node's own lookup, as n8n's process does it (jest has a module resolver of its own).
	const lookup = () =>
		realpathSync(
			execFileSync(process.execPath, [
				'-e',
				`process.stdout.write(require.resolve('n8n-workflow', { paths: [${JSON.stringify(installed)}] }))`,
			]).toString(),
		);

	expect(lookup()).toContain(join(repoRoot, 'node_modules', 'n8n-workflow'));

	useN8nsWorkflowPackage(userFolder, n8nDir);
	expect(lookup()).toBe(n8nsCopy);

	// Again at the next start (the link is replaced, not added to).
	useN8nsWorkflowPackage(userFolder, n8nDir);
	expect(lookup()).toBe(n8nsCopy);
});
