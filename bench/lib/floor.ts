// The bench-only floor node (bench/floor-node: plain JS, no build step), packed with `npm pack`
// like any community package so the bench can install it into its n8n next to ours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { run } from '../../e2e/lib/process';

export const FLOOR_DIR = join(__dirname, '..', 'floor-node');
export const FLOOR_PACKAGE: string = JSON.parse(
	readFileSync(join(FLOOR_DIR, 'package.json'), 'utf8'),
).name;

/** `npm pack` of bench/floor-node into `outDir`; returns the tarball's path. */
export async function packFloorNode(outDir: string): Promise<string> {
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: FLOOR_DIR,
		timeoutMs: 60_000,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	return join(outDir, packed.filename);
}
