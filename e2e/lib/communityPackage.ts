// Builds and packs this repository's package, and installs the tarball into an n8n user folder
// the way n8n documents manual installs of community nodes: `npm install <package>` inside
// `<N8N_USER_FOLDER>/.n8n/nodes`. No symlinks to the sources: n8n sees exactly what npm would ship.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './install';
import { run } from './process';

export const packageName: string = JSON.parse(
	readFileSync(join(repoRoot, 'package.json'), 'utf8'),
).name;

/** `npm run build` then `npm pack` into `outDir`; returns the tarball's path. */
export async function buildAndPack(outDir: string, { build = true } = {}): Promise<string> {
	if (build)
		await run('npm', ['run', 'build', '--silent'], { cwd: repoRoot, timeoutMs: 10 * 60_000 });
	mkdirSync(outDir, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: repoRoot,
		timeoutMs: 5 * 60_000,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	return join(outDir, packed.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`, where n8n loads community packages from,
 * with the README's manual-install command (`npm install <package>`; the other flags only quiet
 * npm's output). The package marks its `n8n-workflow` peer optional, so npm installs the package
 * alone, as n8n's own installer does (it strips peer dependencies first): a second n8n-workflow in
 * the folder would mean the manual install no longer does.
 */
export async function installIntoUserFolder(tarball: string, userFolder: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json')))
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true }, null, 2),
		);
	await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: nodesDir,
		timeoutMs: 5 * 60_000,
	});
	// n8n provides n8n-workflow at run time: the peer must not be installed here.
	if (existsSync(join(nodesDir, 'node_modules', 'n8n-workflow')))
		throw new Error(
			`npm install ${tarball} also installed n8n-workflow into ${nodesDir}: the package's peer dependency is no longer optional (package.json peerDependenciesMeta).`,
		);
	return join(nodesDir, 'node_modules', packageName);
}
