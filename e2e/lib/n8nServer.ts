// Starts a real n8n (from the cached install) on free loopback ports with its own user folder,
// waits until it serves requests, and stops it together with everything it spawned.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { N8nInstall } from './install';
import { N8nClient } from './n8nClient';
import { startServer, waitFor, type Server } from './process';

export interface N8nServer {
	url: string;
	port: number;
	userFolder: string;
	logFile: string;
	install: N8nInstall;
	major: number;
	process: Server;
	/** From spawning n8n until it served its API (loading community packages included). */
	startupMs: number;
	/** A REST client; call `setupOwnerOrLogin` on it before anything else. */
	client(): N8nClient;
	/** The last lines of n8n's log, for failure messages. */
	logTail(lines?: number): string;
	stop(): Promise<void>;
	/** Parses n8n's execution data format (flatted JSON). */
	parseExecutionData(text: string): unknown;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface StartN8nOptions {
	userFolder: string;
	port?: number;
	/** Extra or overriding environment variables. */
	env?: Record<string, string>;
	startTimeoutMs?: number;
	/** n8n's command and flags (default `start`); queue mode also runs `webhook` and `worker`. */
	command?: string[];
	/** When the process is ready (default: readiness plus /rest/settings, which only `start` serves). */
	ready?: (url: string) => Promise<boolean>;
}

export async function startN8n(install: N8nInstall, options: StartN8nOptions): Promise<N8nServer> {
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const major = Number(install.version.split('.')[0]);
	mkdirSync(options.userFolder, { recursive: true });
	const logFile = join(options.userFolder, 'n8n.log');

	const env: NodeJS.ProcessEnv = {
		// A minimal, explicit environment: nothing from the caller's n8n setup leaks in.
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TMPDIR: process.env.TMPDIR,
		LANG: process.env.LANG,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		// Production webhooks (the trigger registers this URL with BuildWorkPro) point at this n8n.
		...(major >= 2 ? { N8N_WEBHOOK_URL: `${url}/` } : { WEBHOOK_URL: `${url}/` }),
		DB_TYPE: 'sqlite',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// The task runner (Code node) gets its own free port so several n8n can run side by side.
		// 2.x always runs it (and warns about N8N_RUNNERS_ENABLED); 1.x needs it switched on.
		...(major >= 2 ? {} : { N8N_RUNNERS_ENABLED: 'true' }),
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...options.env,
	};

	// Through the watchdog, so n8n stops even if this process dies without calling stop().
	const spawnedAt = Date.now();
	const watchdog = join(__dirname, 'watchdog.cjs');
	const server = startServer(
		install.nodeBin,
		[
			watchdog,
			String(process.pid),
			install.nodeBin,
			install.n8nBin,
			...(options.command ?? ['start']),
		],
		{
			env,
			logFile,
			cwd: options.userFolder,
		},
	);
	const n8nRequire = createRequire(join(install.dir, 'node_modules', 'n8n', 'package.json'));
	const flatted = n8nRequire('flatted') as { parse(text: string): unknown };

	const handle: N8nServer = {
		url,
		port,
		userFolder: options.userFolder,
		logFile,
		install,
		major,
		process: server,
		startupMs: 0,
		client: () => new N8nClient(url),
		logTail(lines = 80) {
			try {
				// Database migrations log two lines each (hundreds on a fresh database): never the clue.
				const meaningful = readFileSync(logFile, 'utf8')
					.trim()
					.split('\n')
					.filter((line) => !/^(Starting|Finished) migration /.test(line));
				return meaningful.slice(-lines).join('\n');
			} catch {
				return '(no n8n log)';
			}
		},
		stop: () => server.stop(),
		parseExecutionData: (text) => flatted.parse(text),
	};

	try {
		await waitFor(
			`n8n ${install.version} to serve ${url} (log: ${logFile})`,
			async () => {
				if (options.ready) return await options.ready(url);
				// Readiness turns OK once the database is migrated and n8n serves its API; the HTTP
				// server itself answers (even /rest/settings) earlier.
				const ready = await fetch(`${url}/healthz/readiness`, {
					signal: AbortSignal.timeout(5_000),
				});
				if (!ready.ok) return false;
				const settings = await fetch(`${url}/rest/settings`, {
					signal: AbortSignal.timeout(5_000),
				});
				return settings.ok;
			},
			{
				timeoutMs: options.startTimeoutMs ?? 180_000,
				intervalMs: 500,
				giveUp: () => (server.exited ? 'n8n exited during start-up' : undefined),
			},
		);
	} catch (error) {
		await server.stop();
		throw new Error(
			`${(error as Error).message}\n--- n8n log (last lines) ---\n${handle.logTail()}`,
		);
	}
	handle.startupMs = Date.now() - spawnedAt;
	return handle;
}
