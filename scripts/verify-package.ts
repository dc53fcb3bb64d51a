// `npm run verify [-- --dir UNPACKED_DIR]`: checks the package as n8n's verification sees it.
// Packs the built package (`npm pack`), unpacks the tarball and runs n8n's own scanner
// (`analyzePackage` of @n8n/scan-community-package) on it, then checks what the tarball holds:
// only what n8n loads (compiled JS, codex JSON, icons, package.json, README, LICENSE) and no
// runtime dependencies. Prints one verdict line; exits 1 when anything fails.
// `--dir` checks an already unpacked package instead (e.g. a deliberately broken copy).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..');

/** What a community package may ship: what n8n needs to load and show it. */
const ALLOWED_FILES = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE(\.md)?$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/(nodes|credentials)\/.+\.svg$/,
];

function packAndUnpack(): { dir: string; cleanUp: () => void } {
	const workDir = mkdtempSync(join(tmpdir(), 'bwp-verify-'));
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
		cwd: repoRoot,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	execFileSync('tar', ['-xzf', join(workDir, packed.filename), '-C', workDir]);
	return {
		dir: join(workDir, 'package'),
		cleanUp: () => rmSync(workDir, { recursive: true, force: true }),
	};
}

function contentProblems(dir: string): string[] {
	const problems: string[] = [];
	const files = readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
	for (const file of files) {
		if (!ALLOWED_FILES.some((pattern) => pattern.test(file)))
			problems.push(`unexpected file in the tarball: ${file}`);
	}
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	const dependencies = Object.keys((manifest.dependencies as object | undefined) ?? {});
	if (dependencies.length > 0)
		problems.push(`runtime dependencies are not allowed: ${dependencies.join(', ')}`);
	const n8n = (manifest.n8n ?? {}) as { nodes?: string[]; credentials?: string[] };
	for (const entry of [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])]) {
		if (!files.includes(entry))
			problems.push(`package.json's n8n section names ${entry}, which the tarball lacks`);
	}
	return problems;
}

async function main() {
	const dirFlag = process.argv.indexOf('--dir');
	const given = dirFlag >= 0 ? resolve(process.argv[dirFlag + 1]) : undefined;
	const { dir, cleanUp } = given ? { dir: given, cleanUp: () => {} } : packAndUnpack();
	try {
		// The scanner is an untyped ES module (its package exports no entry point of its own).
		const scannerModule = '@n8n/scan-community-package/scanner/scanner.mjs';
		const { analyzePackage } = (await import(scannerModule)) as {
			analyzePackage: (
				dir: string,
			) => Promise<{ passed: boolean; message?: string; details?: string }>;
		};
		const scan = await analyzePackage(dir);
		const problems = contentProblems(dir);
		const where = given ? relative(process.cwd(), dir) || '.' : 'the packed tarball';
		if (!scan.passed) {
			console.log(`n8n scanner: FAILED on ${where}: ${scan.message ?? ''}`);
			if (scan.details) console.log(scan.details);
		} else {
			console.log(`n8n scanner: passed on ${where}`);
		}
		for (const problem of problems) console.log(`package contents: ${problem}`);
		if (problems.length === 0)
			console.log(
				'package contents: only compiled code, codex files, icons, package.json, README and LICENSE',
			);
		if (!scan.passed || problems.length > 0) process.exit(1);
	} finally {
		cleanUp();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
