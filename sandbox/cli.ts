/**
 * `npm run sandbox -- [--port N] [--host H] [--seed N] [--key-limit N] [--key-window-ms N]
 *   [--tenant-budget N] [--tenant-window-ms N] [--no-rate-limit] [--no-test-controls]
 *   [--webhook-retry-delays-ms A,B,...] [--webhook-timeout-ms N] [--webhook-rotation-grace-ms N]`
 */
import { startSandbox, type SandboxOptions } from './index';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N              port to listen on (default 4010; 0 = any free port)
  --host H              interface to bind (default 127.0.0.1)
  --seed N              realistic contacts created at start in tenant 1 (default 50)
  --key-limit N         requests per API key per window (default 60)
  --key-window-ms N     per-key window in ms (default 60000)
  --tenant-budget N     cost units per tenant per window (default 10000)
  --tenant-window-ms N  per-tenant window in ms (default 3600000)
  --no-rate-limit       disable rate limiting (headers are still sent)
  --webhook-retry-delays-ms A,B,...  delays before each webhook retry (default: 7 attempts over ~31 h)
  --webhook-timeout-ms N             webhook attempt timeout (default 10000)
  --webhook-rotation-grace-ms N      old secret keeps signing after rotate-secret (default 86400000)
  --no-test-controls    do not mount /__sandbox/* test controls
  --help                show this help`;

function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = { port: 4010, seed: 50, testControls: true, rateLimit: {} };
	const rateLimit = options.rateLimit!;
	const webhooks = (options.webhooks = {} as NonNullable<SandboxOptions['webhooks']>);
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		const number = () => {
			const n = Number(value());
			if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
			return n;
		};
		switch (flag) {
			case '--port':
				options.port = number();
				break;
			case '--host':
				options.host = value();
				break;
			case '--seed':
				options.seed = number();
				break;
			case '--key-limit':
				rateLimit.keyLimit = number();
				break;
			case '--key-window-ms':
				rateLimit.keyWindowMs = number();
				break;
			case '--tenant-budget':
				rateLimit.tenantBudget = number();
				break;
			case '--tenant-window-ms':
				rateLimit.tenantWindowMs = number();
				break;
			case '--no-rate-limit':
				rateLimit.enabled = false;
				break;
			case '--webhook-retry-delays-ms': {
				const delays = value().split(',').filter(Boolean).map(Number);
				if (delays.some((d) => !Number.isInteger(d) || d < 0))
					throw new Error(`${flag} needs comma-separated non-negative integers`);
				webhooks.retryDelaysMs = delays;
				break;
			}
			case '--webhook-timeout-ms':
				webhooks.timeoutMs = number();
				break;
			case '--webhook-rotation-grace-ms':
				webhooks.rotationGraceMs = number();
				break;
			case '--no-test-controls':
				options.testControls = false;
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
			// falls through (exit never returns)
			default:
				throw new Error(`Unknown option ${arg}`);
		}
	}
	return options;
}

async function main() {
	let options: SandboxOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(`${(err as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	console.log(`BuildWorkPro sandbox listening
  Base URL:          ${sandbox.baseUrl}
  API key (full):    ${sandbox.keys.full}
  API key (read):    ${sandbox.keys.readOnly}   (contacts:read only)
  Other tenant key:  ${sandbox.keys.otherTenant}
  Seeded contacts:   ${options.seed ?? 0}
  Test controls:     ${options.testControls ? `${sandbox.url}/__sandbox/*` : 'off'}
Press Ctrl-C to stop.`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, shutting down.`);
		sandbox.close().then(
			() => process.exit(0),
			(err) => {
				console.error(err);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
