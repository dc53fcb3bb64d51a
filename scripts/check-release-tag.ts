// `npm run release:tag [-- vX.Y.Z]`: refuses a release whose git tag and package.json's version
// differ. The tag is the argument, else GITHUB_REF_NAME when the run is for a tag (GitHub Actions
// sets GITHUB_REF_TYPE=tag on a pushed tag). The publish workflow runs this first, so a mismatched
// tag fails before anything is built; `npm run release:check` runs it too when given a tag.
// Also checks that CHANGELOG.md has a section for the version, so no release goes out unexplained.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..');

/** Strict semver (no build metadata): 1.2.3, 1.2.3-rc.1. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export interface TagCheck {
	ok: boolean;
	message: string;
}

/** The tag must be exactly `v` + package.json's version (a valid semver version). */
export function checkReleaseTag(tag: string | undefined, version: string): TagCheck {
	if (!SEMVER.test(version))
		return { ok: false, message: `package.json's version "${version}" is not a semver version.` };
	if (!tag)
		return {
			ok: false,
			message: `No tag given (argument or GITHUB_REF_NAME on a tag run); this version would be tagged v${version}.`,
		};
	if (tag !== `v${version}`)
		return {
			ok: false,
			message: `Tag ${tag} does not match package.json's version ${version} (expected tag v${version}). Nothing is published. Delete the tag (git push origin :refs/tags/${tag}), then tag the commit whose package.json has the version to release.`,
		};
	return { ok: true, message: `Tag ${tag} matches package.json's version ${version}.` };
}

/** CHANGELOG.md (Keep a Changelog) must have a `## [<version>]` section. */
export function checkChangelog(changelog: string, version: string): TagCheck {
	const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	if (new RegExp(`^## \\[${escaped}\\]`, 'm').test(changelog))
		return { ok: true, message: `CHANGELOG.md has a section for ${version}.` };
	return {
		ok: false,
		message: `CHANGELOG.md has no "## [${version}]" section: say what users get before releasing it.`,
	};
}

/** The tag to check: the argument, else the pushed tag GitHub Actions names. */
export function tagFromEnvironment(
	argv: string[],
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	const argument = argv.find((arg) => !arg.startsWith('-'));
	if (argument) return argument;
	if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME) return env.GITHUB_REF_NAME;
	return undefined;
}

export function packageVersion(root = repoRoot): string {
	return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
		.version;
}

function main(): void {
	const version = packageVersion();
	const tag = tagFromEnvironment(process.argv.slice(2));
	const changelogFile = join(repoRoot, 'CHANGELOG.md');
	const results = [
		checkReleaseTag(tag, version),
		checkChangelog(existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '', version),
	];
	for (const result of results) console.log(`${result.ok ? 'ok' : 'REFUSED'}: ${result.message}`);
	if (results.some((result) => !result.ok)) process.exit(1);
}

if (require.main === module) main();
