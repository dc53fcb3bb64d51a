// Child-process helpers for the e2e tooling: commands that must succeed, long-running servers in
// their own process group (so one signal stops a server and everything it spawned), and waits
// that always end with a clear message.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Kill the command (and its children) after this long. */
	timeoutMs?: number;
	/** Echo output live instead of only returning it. */
	inherit?: boolean;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion; rejects with its output when it fails or times out. */
export async function run(
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const { cwd, env, timeoutMs = 15 * 60_000, inherit = false } = options;
	return await new Promise<RunResult>((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: env ?? process.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (inherit) process.stdout.write(chunk);
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (inherit) process.stderr.write(chunk);
		});
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(
				new Error(
					`Timed out after ${timeoutMs} ms: ${command} ${args.join(' ')}\n${tail(stderr || stdout)}`,
				),
			);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve({ code, stdout, stderr });
			else
				reject(
					new Error(
						`Command failed (exit ${code}): ${command} ${args.join(' ')}` +
							(cwd ? ` in ${cwd}` : '') +
							`\n${tail(stderr + '\n' + stdout)}`,
					),
				);
		});
	});
}

export function tail(text: string, lines = 40): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}

export interface Server {
	child: ChildProcess;
	logFile: string;
	/** Resolves once the process group is gone (SIGTERM, then SIGKILL after graceMs). */
	stop(graceMs?: number): Promise<void>;
	exited: boolean;
}

// Servers still running. They live in their own process groups, so a Ctrl-C in the terminal does
// not reach them: when this process exits normally it takes them down with it (n8n is also
// started under a watchdog that covers the abnormal ways to die).
const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLiveServers(): void {
	for (const child of liveServers) killGroup(child, 'SIGKILL');
	liveServers.clear();
}

/** Starts a long-running process in its own process group, with stdout+stderr in `logFile`. */
export function startServer(
	command: string,
	args: string[],
	options: { cwd?: string; env: NodeJS.ProcessEnv; logFile: string },
): Server {
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env,
		detached: true, // own process group: killGroup reaches every descendant
		stdio: ['ignore', 'pipe', 'pipe'],
	};
	const child = spawn(command, args, spawnOptions);
	if (!exitHookInstalled) {
		process.on('exit', killLiveServers);
		exitHookInstalled = true;
	}
	liveServers.add(child);
	child.stdout!.pipe(log, { end: false });
	child.stderr!.pipe(log, { end: false });
	const exitedPromise = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const server: Server = {
		child,
		logFile: options.logFile,
		exited: false,
		async stop(graceMs = 10_000) {
			if (!server.exited) {
				killGroup(child, 'SIGTERM');
				const forced = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
				await exitedPromise;
				clearTimeout(forced);
			}
			// Children that ignored SIGTERM while their parent exited must not outlive us: kill them
			// and give the kernel a moment to take them away, so "stopped" means the group is gone.
			killGroup(child, 'SIGKILL');
			if (child.pid !== undefined) {
				const pid = child.pid;
				await waitFor('the process group to end', () => !groupAlive(pid), {
					timeoutMs: 5_000,
					intervalMs: 50,
				}).catch(() => undefined);
			}
			liveServers.delete(child);
			await new Promise<void>((resolve) => log.end(resolve));
		},
	};
	child.on('exit', () => {
		server.exited = true;
	});

	return server;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// group already gone
	}
}

/** True while any process of the group still exists. */
export function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

export interface WaitOptions {
	timeoutMs?: number;
	intervalMs?: number;
	/** Returns a reason to stop waiting at once (e.g. the awaited process died). */
	giveUp?: () => string | undefined;
}

/**
 * The one polling helper of the e2e tooling: for anything another process writes (n8n, its workers,
 * the sandbox's asynchronous paths), read it until it is there instead of reading it once.
 *
 * With `until`, polls `read` until `until(value)` holds and returns that value. Without it, polls
 * until `read` returns something other than undefined/false. Errors thrown by `read` count as "not
 * yet". On timeout it fails naming `what` it waited for, with the last value seen (through `show`,
 * JSON by default) and the last error.
 */
export async function waitFor<T>(
	what: string,
	read: () => Promise<T> | T,
	options: WaitOptions & { until: (value: T) => boolean; show?: (value: T) => unknown },
): Promise<T>;
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	options?: WaitOptions & { show?: (value: T | undefined | false) => unknown },
): Promise<T>;
export async function waitFor(
	what: string,
	read: () => unknown,
	{
		timeoutMs = 30_000,
		intervalMs = 250,
		giveUp,
		until = (value: unknown) => value !== undefined && value !== false,
		show = (value: unknown) => value,
	}: WaitOptions & { until?: (value: unknown) => boolean; show?: (value: unknown) => unknown } = {},
): Promise<unknown> {
	const deadline = Date.now() + timeoutMs;
	let seen: { value: unknown } | undefined;
	let lastError: unknown;
	for (;;) {
		const reason = giveUp?.();
		if (reason) throw new Error(`Stopped waiting for ${what}: ${reason}${lastSeen(seen, show)}`);
		try {
			const value = await read();
			seen = { value };
			if (until(value)) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) {
			const error = lastError
				? `; last error: ${(lastError as Error).message ?? String(lastError)}`
				: '';
			throw new Error(
				`Timed out after ${timeoutMs < 10_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} waiting for ${what}${lastSeen(seen, show)}${error}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** The last value a wait read, for its failure message (JSON, cut short). */
function lastSeen(seen: { value: unknown } | undefined, show: (value: unknown) => unknown): string {
	if (!seen) return '';
	let text: string;
	try {
		const shown = show(seen.value);
		text = typeof shown === 'string' ? shown : (JSON.stringify(shown) ?? String(shown));
	} catch (error) {
		text = `(not showable: ${(error as Error).message})`;
	}
	return `; last value seen: ${text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text}`;
}
