// `npm run release:check [-- --tag vX.Y.Z] [--no-e2e] [--only step,step]`: everything the publish
// workflow checks, run locally, in its order, stopping at the first failure (`--only` runs the named
// steps: tag, build, lint, typecheck, verify, unit, e2e, e2e-queue, dry-run):
//   tag and changelog  the tag (when given, or GitHub's on a tag run) is v<package.json version>,
//                      and CHANGELOG.md has that version's section
//   build              npm run build
//   lint               n8n's eslint config, prettier --check, actionlint on .github/workflows
//   typecheck          tsc --noEmit over sources, tests and scripts
//   verify             n8n's scanner on the packed tarball, and what the tarball holds
//   unit               the jest suites (nodes through n8n-core against the sandbox, sandbox, trigger)
//   e2e, e2e-queue     the packed tarball installed into a real n8n 2.40.7 (one process, then queue
//                      mode); `--no-e2e` leaves both out (CI runs them as jobs of their own)
//   publish dry run    `npm publish --dry-run`: the files that would ship, the tarball's size
// Ends with one line per step and 'release:check: N passed, N failed'.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
	checkChangelog,
	checkReleaseTag,
	packageVersion,
	tagFromEnvironment,
} from './check-release-tag';

const repoRoot = resolve(__dirname, '..');

interface Step {
	/** For `--only`. */
	key: string;
	name: string;
	run: () => boolean;
}

interface PackedFile {
	path: string;
	size: number;
}

interface PackResult {
	name: string;
	version: string;
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: PackedFile[];
}

function npmRun(script: string, extra: string[] = []): () => boolean {
	return () => {
		const result = spawnSync('npm', ['run', script, ...extra], { cwd: repoRoot, stdio: 'inherit' });
		return result.status === 0;
	};
}

function tagAndChangelog(tagArgument: string | undefined): () => boolean {
	return () => {
		const version = packageVersion(repoRoot);
		const tag = tagArgument ?? tagFromEnvironment([]);
		const changelogFile = join(repoRoot, 'CHANGELOG.md');
		const changelog = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '';
		const results = [checkChangelog(changelog, version)];
		if (tag) results.unshift(checkReleaseTag(tag, version));
		else
			console.log(
				`(no tag given: publishing this version needs the tag v${version}; -- --tag v${version} checks it)`,
			);
		for (const result of results) console.log(`${result.ok ? 'ok' : 'REFUSED'}: ${result.message}`);
		return results.every((result) => result.ok);
	};
}

function kB(bytes: number): string {
	return `${(bytes / 1000).toFixed(1)} kB`;
}

/** `npm publish --dry-run --json`: what would ship, printed as a list and a size. */
function publishDryRun(): boolean {
	const result = spawnSync('npm', ['publish', '--dry-run', '--json', '--access', 'public'], {
		cwd: repoRoot,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		process.stdout.write(result.stdout);
		process.stderr.write(result.stderr);
		return false;
	}
	// npm prints the pack result, alone or keyed by the package's name.
	const parsed = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as
		| PackResult
		| Record<string, PackResult>;
	const packed = (
		'files' in parsed ? parsed : Object.values(parsed as Record<string, PackResult>)[0]
	) as PackResult;
	const files = [...packed.files].sort((a, b) => a.path.localeCompare(b.path));
	console.log(`Files that would ship in ${packed.name}@${packed.version} (${packed.filename}):`);
	const width = Math.max(...files.map((file) => kB(file.size).length));
	for (const file of files) console.log(`  ${kB(file.size).padStart(width)}  ${file.path}`);
	console.log(
		`${packed.entryCount} files, tarball ${kB(packed.size)}, unpacked ${kB(packed.unpackedSize)}`,
	);
	const byFolder = new Map<string, number>();
	for (const file of files) {
		const parts = file.path.split('/').slice(0, -1);
		const folder = parts.length ? parts.slice(0, 3).join('/') : '(top level)';
		byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
	}
	console.log(
		'Files by folder: ' +
			[...byFolder.entries()].map(([folder, count]) => `${folder} ${count}`).join(', '),
	);
	return true;
}

function main() {
	const args = process.argv.slice(2);
	const tagFlag = args.indexOf('--tag');
	const tag = tagFlag >= 0 ? args[tagFlag + 1] : undefined;
	const e2e = !args.includes('--no-e2e');
	const allSteps: Step[] = [
		{ key: 'tag', name: 'tag and changelog', run: tagAndChangelog(tag) },
		{ key: 'build', name: 'build', run: npmRun('build') },
		{ key: 'lint', name: 'lint', run: npmRun('lint') },
		{ key: 'typecheck', name: 'typecheck', run: npmRun('typecheck') },
		{ key: 'verify', name: 'verify', run: npmRun('verify') },
		{ key: 'unit', name: 'unit', run: npmRun('test:unit') },
		...(e2e
			? [
					{ key: 'e2e', name: 'e2e', run: npmRun('test:e2e') },
					{ key: 'e2e-queue', name: 'e2e-queue', run: npmRun('test:e2e:queue') },
				]
			: []),
		// The e2e suites rebuild and repack; the dry run packs what `npm run build` left in dist/.
		{ key: 'dry-run', name: 'publish dry run', run: publishDryRun },
	];
	const onlyFlag = args.indexOf('--only');
	const only = onlyFlag >= 0 ? args[onlyFlag + 1].split(',') : undefined;
	const unknown = (only ?? []).filter((key) => !allSteps.some((step) => step.key === key));
	if (unknown.length) {
		console.error(
			`Unknown step ${unknown.join(', ')}; steps: ${allSteps.map((step) => step.key).join(', ')}`,
		);
		process.exit(2);
	}
	const steps = only ? allSteps.filter((step) => only.includes(step.key)) : allSteps;
	const outcomes: Array<{ name: string; status: string; seconds: number }> = [];
	let failed = false;
	for (const step of steps) {
		if (failed) {
			outcomes.push({ name: step.name, status: 'not run', seconds: 0 });
			continue;
		}
		console.log(`\n=== release:check: ${step.name}`);
		const started = Date.now();
		const ok = step.run();
		outcomes.push({
			name: step.name,
			status: ok ? 'ok' : 'FAILED',
			seconds: Math.round((Date.now() - started) / 1000),
		});
		if (!ok) failed = true;
	}
	console.log('\n=== release:check summary');
	for (const outcome of outcomes)
		console.log(
			`  ${outcome.status.padEnd(7)} ${outcome.name}${outcome.status === 'not run' ? '' : ` (${outcome.seconds} s)`}`,
		);
	if (!e2e) console.log('  (e2e and e2e-queue left out: --no-e2e)');
	if (only) console.log(`  (only ${only.join(', ')}: --only)`);
	const passed = outcomes.filter((outcome) => outcome.status === 'ok').length;
	const failedCount = outcomes.filter((outcome) => outcome.status === 'FAILED').length;
	console.log(`release:check: ${passed} passed, ${failedCount} failed`);
	if (failed) process.exit(1);
}

main();
