// Postgres and Redis for the queue-mode suite, from Debian's packages (`postgresql`,
// `redis-server`), started as this run's own processes: free loopback ports, throw-away data
// directories, no system service touched. Missing packages are installed with apt-get when the
// run is root; otherwise the run stops saying what to install.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';

import { freePort } from '../lib/n8nServer';
import { run, startServer, waitFor, type Server } from '../lib/process';

export interface Service {
	name: string;
	host: string;
	port: number;
	dataDir: string;
	logFile: string;
	process: Server;
	stop(): Promise<void>;
}

const WATCHDOG = join(__dirname, '..', 'lib', 'watchdog.cjs');

// Throw-away directories (named bwp-queue-<what>-<pid>-…). A run that ends without stop() removes
// them on exit; one that dies of a signal (Ctrl-C, SIGKILL) cannot, so every run first sweeps away
// those of runs whose process is gone. The watchdogs stop the processes that used them.
const throwAway = new Set<string>();
let exitHook = false;

/** A new temporary directory for `what`, removed at exit if nothing removed it before. */
export function throwAwayDir(what: string): string {
	sweepAbandoned();
	const dir = mkdtempSync(join(tmpdir(), `bwp-queue-${what}-${process.pid}-`));
	throwAway.add(dir);
	if (!exitHook) {
		exitHook = true;
		process.on('exit', () => {
			for (const path of throwAway) rmSync(path, { recursive: true, force: true });
		});
	}
	return dir;
}

function sweepAbandoned(): void {
	for (const name of readdirSync(tmpdir())) {
		const match = /^bwp-queue-[a-z0-9]+-(\d+)-/.exec(name);
		if (!match || Number(match[1]) === process.pid) continue;
		try {
			process.kill(Number(match[1]), 0);
		} catch {
			rmSync(join(tmpdir(), name), { recursive: true, force: true });
		}
	}
}

function removeNow(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
	throwAway.delete(dir);
}

function onPath(binary: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean))
		if (existsSync(join(dir, binary))) return join(dir, binary);
	return undefined;
}

/** The newest Debian postgresql bin directory (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter(
			(name) =>
				existsSync(join(root, name, 'bin', 'postgres')) &&
				existsSync(join(root, name, 'bin', 'initdb')),
		)
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

let aptUpdated = false;

/** Installs Debian packages when the run is root; otherwise throws a message naming them. */
export async function ensureDebianPackages(
	packages: string[],
	why: string,
	log: (line: string) => void,
): Promise<void> {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !onPath('apt-get'))
		throw new Error(
			`${why} needs the Debian package(s) ${packages.join(', ')}, which are not installed, and this run cannot install them ` +
				`(${isRoot ? 'no apt-get' : `not root: running as ${userInfo().username}`}). ` +
				`Install them with: sudo apt-get install -y ${packages.join(' ')}`,
		);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const started = Date.now();
	log(`Installing ${packages.join(', ')} with apt-get (missing; ${why})...`);
	if (!aptUpdated) {
		await run('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
		aptUpdated = true;
	}
	await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
		env,
		timeoutMs: 15 * 60_000,
	});
	log(`  installed after ${Math.round((Date.now() - started) / 1000)} s`);
}

async function tcpOpen(host: string, port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host, port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.setTimeout(2_000, () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/**
 * A throw-away Postgres cluster: initdb into a temporary directory, `postgres` on a free loopback
 * port (trust auth for one user, `n8n`; fsync off: the data dies with the run). Postgres refuses
 * to run as root, so as root it runs as the `postgres` system user the package creates.
 */
export async function startPostgres(
	log: (line: string) => void = console.log,
): Promise<Service & { user: string; database: string }> {
	let bin = postgresBinDir();
	if (!bin) {
		await ensureDebianPackages(['postgresql'], 'The queue-mode suite (n8n on Postgres)', log);
		bin = postgresBinDir();
		if (!bin)
			throw new Error(
				'apt-get installed postgresql, but no /usr/lib/postgresql/<major>/bin/postgres was found.',
			);
	}
	const isRoot = process.getuid?.() === 0;
	// As root: run every Postgres binary as the unprivileged `postgres` user (setpriv execs, no extra process).
	let asUser: string[] = [];
	let uid: number | undefined;
	let gid: number | undefined;
	if (isRoot) {
		try {
			uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
			gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		} catch {
			throw new Error(
				"Running as root, Postgres needs an unprivileged user to run as; the `postgres` user (created by Debian's postgresql package) is missing.",
			);
		}
		asUser = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups'];
	}
	const dataDir = throwAwayDir('pg');
	if (uid !== undefined && gid !== undefined) chownSync(dataDir, uid, gid);
	const pgData = join(dataDir, 'data');
	const user = 'n8n';
	const database = 'n8n';
	const command = (binary: string, args: string[]): [string, string[]] =>
		asUser.length
			? [asUser[0], [...asUser.slice(1), join(bin!, binary), ...args]]
			: [join(bin!, binary), args];

	await run(
		...command('initdb', [
			'-D',
			pgData,
			'-U',
			user,
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
			'--locale=C',
		]),
		{
			timeoutMs: 120_000,
		},
	);
	const port = await freePort();
	const logFile = join(dataDir, 'postgres.log');
	const [cmd, args] = command('postgres', [
		'-D',
		pgData,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		dataDir, // the Unix socket lives in the throw-away directory, not /var/run/postgresql
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
		'-c',
		'shared_buffers=64MB',
	]);
	const server = startServer(process.execPath, [WATCHDOG, String(process.pid), cmd, ...args], {
		env: process.env,
		logFile,
	});
	const stop = async () => {
		// SIGTERM to the group is Postgres' "smart" shutdown; SIGINT would be "fast". Either is fine here.
		await server.stop(15_000);
		removeNow(dataDir);
	};
	try {
		await waitFor(
			`Postgres on 127.0.0.1:${port} (log: ${logFile})`,
			async () => {
				await run(
					...command('pg_isready', [
						'-h',
						'127.0.0.1',
						'-p',
						String(port),
						'-U',
						user,
						'-d',
						'postgres',
					]),
					{ timeoutMs: 10_000 },
				);
				return true;
			},
			{
				timeoutMs: 60_000,
				intervalMs: 300,
				giveUp: () => (server.exited ? 'postgres exited' : undefined),
			},
		);
		await run(
			...command('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, database]),
			{ timeoutMs: 30_000 },
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		name: 'postgres',
		host: '127.0.0.1',
		port,
		dataDir,
		logFile,
		process: server,
		stop,
		user,
		database,
	};
}

/** A throw-away Redis: no persistence, a free loopback port, its directory removed at stop. */
export async function startRedis(log: (line: string) => void = console.log): Promise<Service> {
	let redisServer = onPath('redis-server');
	if (!redisServer) {
		await ensureDebianPackages(
			['redis-server'],
			"The queue-mode suite (n8n's job queue on Redis)",
			log,
		);
		redisServer = onPath('redis-server');
		if (!redisServer)
			throw new Error('apt-get installed redis-server, but no redis-server is on PATH.');
	}
	const dataDir = throwAwayDir('redis');
	const port = await freePort();
	const logFile = join(dataDir, 'redis.log');
	const server = startServer(
		process.execPath,
		[
			WATCHDOG,
			String(process.pid),
			redisServer,
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dataDir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ env: process.env, logFile },
	);
	const stop = async () => {
		await server.stop(10_000);
		removeNow(dataDir);
	};
	try {
		await waitFor(
			`Redis on 127.0.0.1:${port} (log: ${logFile})`,
			() => tcpOpen('127.0.0.1', port),
			{
				timeoutMs: 30_000,
				intervalMs: 200,
				giveUp: () => (server.exited ? 'redis-server exited' : undefined),
			},
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { name: 'redis', host: '127.0.0.1', port, dataDir, logFile, process: server, stop };
}
