// What `npm run e2e:prepare` leaves for the suite and `npm run dev`: the cached n8n and the packed
// tarball of this package, recorded in .tmp/e2e/prepared.json.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { buildAndPack } from './communityPackage';
import { ensureN8n, repoRoot, type N8nInstall } from './install';

export const workDir = join(repoRoot, '.tmp', 'e2e');
const recordFile = join(workDir, 'prepared.json');

export interface Prepared {
	install: N8nInstall;
	tarball: string;
	preparedAt: string;
}

export async function prepare(
	{ version, build = true }: { version?: string; build?: boolean } = {},
	log: (line: string) => void = (line) => console.log(line),
): Promise<Prepared> {
	const started = Date.now();
	const install = await ensureN8n(version, log);
	log(`n8n ${install.version}: ${install.dir} (ready after ${seconds(started)} s)`);
	const packStarted = Date.now();
	const tarball = await buildAndPack(join(workDir, 'pack'), { build });
	log(`Packed ${tarball} (${seconds(packStarted)} s)`);
	const prepared: Prepared = { install, tarball, preparedAt: new Date().toISOString() };
	mkdirSync(workDir, { recursive: true });
	writeFileSync(recordFile, JSON.stringify(prepared, null, 2) + '\n');
	return prepared;
}

/** The last `prepare` result when it matches the requested version, else undefined. */
export function readPrepared(version?: string): Prepared | undefined {
	if (!existsSync(recordFile)) return undefined;
	const prepared = JSON.parse(readFileSync(recordFile, 'utf8')) as Prepared;
	if (version && !prepared.install.version.startsWith(version.replace(/(\.x)+$/, '')))
		return undefined;
	if (!existsSync(prepared.tarball) || !existsSync(join(prepared.install.dir, '.ready')))
		return undefined;
	return prepared;
}

function seconds(since: number): number {
	return Math.round((Date.now() - since) / 100) / 10;
}
