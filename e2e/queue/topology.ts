// n8n in queue mode on this machine: Postgres and Redis (./services.ts), the BuildWorkPro
// sandbox, then one main (editor, REST API, publishing), one webhook process (production
// `/webhook/` calls) and N workers (the executions). Every n8n process gets its own user folder
// with this package's packed tarball installed like a manual install, and its own ports (HTTP or
// health check, task broker). `stop()` stops everything, in reverse order; every process also runs
// under the watchdog (e2e/lib/watchdog.cjs), so a killed test runner leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { installIntoUserFolder, packageName } from '../lib/communityPackage';
import type { N8nClient } from '../lib/n8nClient';
import { freePort, startN8n, type N8nServer } from '../lib/n8nServer';
import { upsertCredential, type CredentialRef } from '../lib/n8nWorkflows';
import { prepare, readPrepared, type Prepared } from '../lib/prepared';
import { killGroup } from '../lib/process';
import { CREDENTIAL_NAME, CREDENTIAL_TYPE, LOCAL_OWNER } from '../lib/stack';
import { throwAwayDir, startPostgres, startRedis, type Service } from './services';

export type Role = 'main' | 'webhook' | 'worker';

export interface QueueProcess {
	/** `main`, `webhook`, `worker-1`, `worker-2`, … */
	name: string;
	role: Role;
	server: N8nServer;
	userFolder: string;
	/** Whether this package was installed into its user folder (always, unless a test left it out on purpose). */
	packageInstalled: boolean;
}

export interface QueueStack {
	sandbox: Sandbox;
	postgres: Service & { user: string; database: string };
	redis: Service;
	main: QueueProcess;
	webhook: QueueProcess;
	workers: QueueProcess[];
	/** The URL production webhooks point at: the webhook process. */
	webhookUrl: string;
	client: N8nClient;
	credential: CredentialRef;
	prepared: Prepared;
	/** All n8n processes, main first. */
	processes(): QueueProcess[];
	/** Which worker logged "Worker started execution <id>", if any. */
	workerThatRan(executionId: string): QueueProcess | undefined;
	/** SIGKILLs a worker's whole process group (n8n, its task runner, the watchdog): a crash, no shutdown. */
	killWorker(worker: QueueProcess): Promise<void>;
	/** Starts a killed (or stopped) worker again with the same user folder and ports. */
	restartWorker(worker: QueueProcess): Promise<void>;
	/** Stops everything; keeps the n8n logs (directory returned) and removes every temporary folder. */
	stop(): Promise<string>;
}

export interface QueueStackOptions {
	version?: string;
	reusePrepared?: boolean;
	sandbox?: SandboxOptions;
	workers?: number;
	/** Jobs each worker runs at once (n8n's `--concurrency`; 1 keeps the 2-core machine calm). */
	workerConcurrency?: number;
	/** Leave the package out of these processes' user folders (to prove the checks notice). */
	omitPackageOn?: string[];
	/** Base directory for the user folders; a temporary one (removed at stop) when omitted. */
	baseDir?: string;
	/** Fixed ports for `npm run dev -- --queue`; free ports otherwise. */
	mainPort?: number;
	webhookPort?: number;
	sandboxPort?: number;
	log?: (line: string) => void;
}

/**
 * How fast a killed worker's job is noticed. n8n's defaults (lock 60 s, stalled check every 30 s,
 * queue recovery every 180 min) are for production; the suite shortens them so a crash shows up
 * within seconds. A worker renews its lock every QUEUE_WORKER_LOCK_RENEW_TIME; 15 s of lock leaves
 * room for a busy 2-core machine.
 */
const CRASH_DETECTION_ENV = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const log = options.log ?? ((line: string) => console.log(line));
	const prepared =
		(options.reusePrepared !== false && readPrepared(options.version)) ||
		(await prepare({ version: options.version }, log));
	const temporaryBase = !options.baseDir;
	const baseDir = options.baseDir ?? throwAwayDir('n8n');
	mkdirSync(baseDir, { recursive: true });
	const omit = new Set(options.omitPackageOn ?? []);
	const workerCount = options.workers ?? 2;
	const concurrency = options.workerConcurrency ?? 1;

	let sandbox: Sandbox | undefined;
	let postgres: (Service & { user: string; database: string }) | undefined;
	let redis: Service | undefined;
	const started: QueueProcess[] = [];

	const stop = async (): Promise<string> => {
		const keptLogs = join(
			tmpdir(),
			'bwp-n8n-logs',
			`queue-${new Date().toISOString().replace(/[:.]/g, '-')}`,
		);
		// Workers first (they hold jobs), then the webhook process, then main; then the services.
		for (const proc of [...started].reverse()) await proc.server.stop().catch(() => undefined);
		await sandbox?.close().catch(() => undefined);
		await redis?.stop().catch(() => undefined);
		await postgres?.stop().catch(() => undefined);
		mkdirSync(keptLogs, { recursive: true });
		for (const proc of started)
			if (existsSync(proc.server.logFile))
				copyFileSync(proc.server.logFile, join(keptLogs, `${proc.name}.log`));
		if (temporaryBase) rmSync(baseDir, { recursive: true, force: true });
		return keptLogs;
	};

	try {
		[postgres, redis, sandbox] = await Promise.all([
			startPostgres(log),
			startRedis(log),
			startSandbox({ testControls: true, port: options.sandboxPort, ...options.sandbox }),
		]);
		const mainPort = options.mainPort ?? (await freePort());
		const webhookPort = options.webhookPort ?? (await freePort());
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const encryptionKey = randomBytes(24).toString('hex');
		const shared: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: encryptionKey,
			// Production webhook URLs (what our trigger registers with BuildWorkPro) point at the webhook process.
			// (2.x reads N8N_WEBHOOK_URL; WEBHOOK_URL, the 1.x name, still works there but is deprecated.)
			N8N_WEBHOOK_URL: `${webhookUrl}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
			...CRASH_DETECTION_ENV,
		};

		const startProcess = async (
			name: string,
			role: Role,
			port: number,
			existingFolder?: string,
		): Promise<QueueProcess> => {
			const userFolder = existingFolder ?? join(baseDir, name);
			const packageInstalled = !omit.has(name);
			if (!existingFolder && packageInstalled)
				await installIntoUserFolder(prepared.tarball, userFolder);
			mkdirSync(userFolder, { recursive: true });
			const env: Record<string, string> = { ...shared };
			let command: string[];
			let ready: ((url: string) => Promise<boolean>) | undefined;
			if (role === 'main') {
				command = ['start'];
				Object.assign(env, {
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
					N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
					// Main marks executions whose job is gone (a killed worker's) as crashed: every 12 s here, 180 min by default.
					N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.2',
				});
			} else if (role === 'webhook') {
				command = ['webhook'];
				ready = async (url) =>
					(await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(5_000) })).ok;
			} else {
				command = ['worker', `--concurrency=${concurrency}`];
				// A worker serves no editor: `port` is its health-check port, the readiness probe.
				Object.assign(env, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				});
				ready = async (url) =>
					(await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(5_000) })).ok;
			}
			const server = await startN8n(prepared.install, {
				userFolder,
				port,
				env,
				command,
				ready,
				startTimeoutMs: 240_000,
			});
			return { name, role, server, userFolder, packageInstalled };
		};

		// Main first: it migrates the shared database; the others would race it.
		log(`Starting n8n ${prepared.install.version} in queue mode: main...`);
		const main = await startProcess('main', 'main', mainPort);
		started.push(main);
		const client = main.server.client();
		await client.setupOwnerOrLogin(LOCAL_OWNER);
		log(`  main at ${main.server.url}; webhook process and ${workerCount} worker(s)...`);
		const others = await Promise.allSettled([
			startProcess('webhook', 'webhook', webhookPort),
			...Array.from({ length: workerCount }, async (_, index) =>
				startProcess(`worker-${index + 1}`, 'worker', await freePort()),
			),
		]);
		for (const result of others) if (result.status === 'fulfilled') started.push(result.value);
		const failed = others.find(
			(result): result is PromiseRejectedResult => result.status === 'rejected',
		);
		if (failed) throw failed.reason;
		const webhook = started.find((proc) => proc.role === 'webhook')!;
		const workers = started.filter((proc) => proc.role === 'worker');

		const credential = await upsertCredential(client, {
			name: CREDENTIAL_NAME,
			type: CREDENTIAL_TYPE,
			data: { apiKey: sandbox.keys.full, baseUrl: sandbox.baseUrl },
		});

		const stack: QueueStack = {
			sandbox,
			postgres,
			redis,
			main,
			webhook,
			workers,
			webhookUrl,
			client,
			credential,
			prepared,
			processes: () => [stack.main, stack.webhook, ...stack.workers],
			workerThatRan(executionId) {
				const line = new RegExp(`Worker started execution ${executionId} \\(job`);
				return stack.workers.find((worker) => {
					try {
						return line.test(readFileSync(worker.server.logFile, 'utf8'));
					} catch {
						return false;
					}
				});
			},
			async killWorker(worker) {
				killGroup(worker.server.process.child, 'SIGKILL');
				await worker.server.stop(); // only waits for the exit and closes the log
			},
			async restartWorker(worker) {
				const index = started.indexOf(worker);
				await worker.server.stop();
				const again = await startProcess(
					worker.name,
					'worker',
					worker.server.port,
					worker.userFolder,
				);
				worker.server = again.server;
				if (index >= 0) started[index] = worker;
			},
			stop,
		};
		return stack;
	} catch (error) {
		const tails = started
			.map((proc) => `--- ${proc.name} log (last lines) ---\n${proc.server.logTail(30)}`)
			.join('\n');
		const kept = await stop();
		throw new Error(
			`${(error as Error).message}${tails ? `\n${tails}` : ''}\n(n8n logs kept in ${kept})`,
		);
	}
}

export { packageName };
