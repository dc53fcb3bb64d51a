/**
 * Process environment n8n-core reads when it first loads. Imported by the harness
 * before anything from n8n-core, so the settings apply to this jest worker's copy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// InstanceSettings writes `.n8n/config` under the user folder: keep it out of $HOME.
export const n8nUserFolder = mkdtempSync(join(tmpdir(), 'bwp-harness-n8n-'));
process.env.N8N_USER_FOLDER = n8nUserFolder;
// A fixed key stops n8n from generating one and announcing it on stdout.
process.env.N8N_ENCRYPTION_KEY ??= 'bwp-harness-encryption-key';
// n8n's ErrorReporter logs every failed node at "error" level; tests provoke many on purpose.
// HARNESS_LOG_LEVEL=debug|info|warn|error brings them back when debugging a test.
process.env.N8N_LOG_LEVEL = process.env.HARNESS_LOG_LEVEL ?? 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';

export function removeN8nUserFolder(): void {
	rmSync(n8nUserFolder, { recursive: true, force: true });
}

// Each jest test file gets its own module registry, hence its own folder: remove it when
// the file is done (jest's afterAll exists whenever this runs inside a test file).
try {
	afterAll(removeN8nUserFolder);
} catch {
	// Not in a test file's top level (a plain script, or imported inside a test).
	process.once('exit', removeN8nUserFolder);
}
