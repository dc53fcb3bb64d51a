/**
 * Releasing: a pushed tag that differs from package.json's version is refused (the function and the
 * script the publish workflow runs); the changelog has the version's section; package.json carries
 * what npm and n8n's listing show; the publish workflow publishes with provenance only after the
 * tag check and the checks.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
	checkChangelog,
	checkReleaseTag,
	packageVersion,
	tagFromEnvironment,
} from '../../scripts/check-release-tag';

const repoRoot = resolve(__dirname, '..', '..');
const version = packageVersion();
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

function tagScript(args: string[], env: Record<string, string | undefined> = {}) {
	const result = spawnSync(
		process.execPath,
		[
			join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			'scripts/check-release-tag.ts',
			...args,
		],
		{
			cwd: repoRoot,
			encoding: 'utf8',
			timeout: 60_000,
			env: { ...process.env, GITHUB_REF_NAME: '', GITHUB_REF_TYPE: '', ...env },
		},
	);
	return { status: result.status, output: result.stdout + result.stderr };
}

describe('tag and version', () => {
	it('accepts the tag v<version>', () => {
		expect(checkReleaseTag('v1.0.0', '1.0.0')).toEqual({
			ok: true,
			message: "Tag v1.0.0 matches package.json's version 1.0.0.",
		});
		expect(checkReleaseTag('v1.1.0-rc.1', '1.1.0-rc.1').ok).toBe(true);
	});

	it.each([
		['v1.0.1', '1.0.0'],
		['1.0.0', '1.0.0'], // no "v"
		['v1.0', '1.0.0'],
		['v1.0.0-rc.1', '1.0.0'],
		['release-1.0.0', '1.0.0'],
	])('refuses tag %s for version %s', (tag, packageJsonVersion) => {
		const result = checkReleaseTag(tag, packageJsonVersion);
		expect(result.ok).toBe(false);
		expect(result.message).toContain(`does not match package.json's version ${packageJsonVersion}`);
	});

	it('refuses a missing tag and a version that is not semver', () => {
		expect(checkReleaseTag(undefined, '1.0.0').ok).toBe(false);
		expect(checkReleaseTag('v1.0', '1.0').message).toMatch(/not a semver version/);
	});

	it('takes the tag from the argument, else from GitHub only on a tag run', () => {
		expect(
			tagFromEnvironment(['v2.0.0'], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0' }),
		).toBe('v2.0.0');
		expect(tagFromEnvironment([], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0' })).toBe(
			'v1.0.0',
		);
		expect(tagFromEnvironment([], { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' })).toBe(
			undefined,
		);
	});

	it('the script exits 1 on a mismatched tag, naming both', () => {
		const run = tagScript(['v9.9.9']);
		expect(run.status).toBe(1);
		expect(run.output).toContain(
			`REFUSED: Tag v9.9.9 does not match package.json's version ${version}`,
		);
	});

	it("the script refuses GitHub's mismatched tag (GITHUB_REF_NAME) as the publish workflow runs it", () => {
		const run = tagScript([], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v0.0.1' });
		expect(run.status).toBe(1);
		expect(run.output).toContain('REFUSED: Tag v0.0.1 does not match');
	});

	it('the script accepts the matching tag', () => {
		const run = tagScript([], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: `v${version}` });
		expect(run.output).toContain(`ok: Tag v${version} matches package.json's version ${version}.`);
		expect(run.output).toContain(`ok: CHANGELOG.md has a section for ${version}.`);
		expect(run.status).toBe(0);
	});
});

describe('changelog', () => {
	const changelog = readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8');

	it("has a section for package.json's version", () => {
		expect(checkChangelog(changelog, version).ok).toBe(true);
		expect(checkChangelog(changelog, '99.0.0').ok).toBe(false);
	});

	it('keeps an Unreleased section and says what changed for saved workflows', () => {
		expect(changelog).toMatch(/^## \[Unreleased\]/m);
		expect(changelog).toMatch(/saved workflows/i);
	});
});

describe('package.json for npm and n8n', () => {
	it('has what npm and the community-node listing show', () => {
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
		const repo = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
		expect(manifest.homepage.startsWith(repo)).toBe(true);
		expect(manifest.bugs.url).toBe(`${repo}/issues`);
		expect(manifest.engines.node).toMatch(/^>=\d+\.\d+/);
		expect(manifest.license).toBe('MIT');
	});

	it('marks the n8n-workflow peer optional, so a manual install brings the package alone', () => {
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.peerDependenciesMeta['n8n-workflow'].optional).toBe(true);
		expect(manifest.dependencies).toBeUndefined();
	});
});

describe('publish workflow', () => {
	const publish = readFileSync(join(repoRoot, '.github', 'workflows', 'publish.yml'), 'utf8');

	it('runs on version tags, checks the tag before anything else, and publishes with provenance', () => {
		expect(publish).toMatch(/tags:\s*\n\s*- 'v\*'/);
		expect(publish).toContain('npm run release:tag');
		expect(publish).toContain('uses: ./.github/workflows/ci.yml');
		expect(publish).toContain('npm publish --provenance --access public');
		expect(publish).toContain('id-token: write');
		expect(publish).toContain('NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}');
		expect(publish.indexOf('release:tag')).toBeLessThan(
			publish.indexOf('npm publish --provenance'),
		);
	});

	it('pins every action to a full version', () => {
		for (const file of ['ci.yml', 'publish.yml']) {
			const text = readFileSync(join(repoRoot, '.github', 'workflows', file), 'utf8');
			const uses = [...text.matchAll(/uses: ([^\s#]+)/g)].map((match) => match[1]);
			for (const action of uses.filter((name) => !name.startsWith('./')))
				expect(action).toMatch(/@v\d+\.\d+\.\d+$/);
		}
	});
});
