// Runs bench/contender.ts in a child process (async: the sandbox lives in this process and must
// keep answering) and returns its BENCH_RESULT.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { ContenderResult, ContenderTask } from '../contender';

const CONTENDER = join(__dirname, '..', 'contender.ts');

export async function runContender(
	task: ContenderTask,
	timeoutMs = 180_000,
	extraEnv: Record<string, string> = {},
): Promise<ContenderResult> {
	return await new Promise<ContenderResult>((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CONTENDER], {
			env: { ...process.env, ...extraEnv, BENCH_TASK: JSON.stringify(task) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.split('\n').find((candidate) => candidate.startsWith('BENCH_RESULT '));
			if (code === 0 && line)
				return resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as ContenderResult);
			reject(
				new Error(
					`contender ${task.kind} failed (exit ${code ?? signal}${signal === 'SIGKILL' ? ', timed out' : ''}):\n${stderr.slice(-3000)}${stdout.slice(-1000)}`,
				),
			);
		});
	});
}
