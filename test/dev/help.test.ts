/**
 * `npm run dev -- --help`: lists every option the script takes, before starting anything; an
 * unknown option points to it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');

function dev(...args: string[]) {
	const result = spawnSync(
		process.execPath,
		[join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/dev.ts', ...args],
		{
			cwd: repoRoot,
			encoding: 'utf8',
			timeout: 60_000,
		},
	);
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const EVERY_OPTION = [
	'--port',
	'--sandbox-port',
	'--seed',
	'--fresh',
	'--version',
	'--queue',
	'--webhook-port',
	'--workers',
	'--help',
];

describe('npm run dev -- --help', () => {
	const help = dev('--help');

	it('prints the usage and exits without starting anything', () => {
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/^Usage: npm run dev -- \[options\]/);
		expect(help.stdout).not.toMatch(/Building and packing/);
	});

	it.each(EVERY_OPTION)('lists %s with what it does', (option) => {
		const line = help.stdout
			.split('\n')
			.find(
				(candidate) =>
					new RegExp(`^\\s+(-h, )?${option}\\b`).test(candidate) ||
					candidate.includes(`${option}, -h`),
			);
		expect(line).toBeDefined();
		expect(line!.replace(option, '').trim().length).toBeGreaterThan(20);
	});

	it('names every option in docs/development.md too, the page that documents npm run dev', () => {
		const page = readFileSync(join(repoRoot, 'docs', 'development.md'), 'utf8');
		for (const option of EVERY_OPTION) expect(page).toContain(`\`${option}`);
	});

	it('answers an unknown option with where the options are listed', () => {
		const unknown = dev('--sandbox');
		expect(unknown.status).toBe(2);
		expect(unknown.stderr.trim()).toBe(
			'Unknown option --sandbox. `npm run dev -- --help` lists the options.',
		);
	});

	it('refuses a port that is not a number before starting anything', () => {
		const bad = dev('--port', 'abc');
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/--port needs a port number \(1–65535\), got abc/);
	});
});
