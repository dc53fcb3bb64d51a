/**
 * One benchmark contender, run in its own child process so that its memory readings hold nothing
 * but its own work (n8n-core, the harness and the previous runs' garbage live elsewhere).
 *
 *   BENCH_TASK='{"kind":"list-ours","baseUrl":"…","apiKey":"…","expected":10000}' node --expose-gc --import tsx bench/contender.ts
 *
 * Prints one line `BENCH_RESULT {json}` on stdout. A warm-up (one request) runs first and the
 * sandbox's request log is cleared after it, so the parent counts only the measured run's requests.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { IBinaryData } from 'n8n-workflow';
import { request } from 'undici';

import { contactInputs } from './lib/inputs';
import { CONTACT_LIST, type ListSpec } from './lib/lists';
import { measureMemory } from './lib/memory';

export type ContenderTask =
	| {
			kind: 'list-raw';
			baseUrl: string;
			controlUrl: string;
			apiKey: string;
			expected: number;
			list?: ListSpec;
	  }
	| {
			kind: 'list-ours';
			baseUrl: string;
			controlUrl: string;
			apiKey: string;
			expected: number;
			list?: ListSpec;
			/** Key for the warm-up request when the measured key's rate-limit bucket must start untouched. */
			warmupApiKey?: string;
	  }
	| {
			/** Contact → Export: one CSV file (binary) instead of pages; `records` are its rows. */
			kind: 'export-ours';
			baseUrl: string;
			controlUrl: string;
			apiKey: string;
			expected: number;
			warmupApiKey?: string;
	  }
	| {
			kind: 'create-ours';
			baseUrl: string;
			controlUrl: string;
			apiKey: string;
			/** The items: contactInputs(prefix, count). */
			prefix: string;
			count: number;
	  };

export interface ContenderResult {
	kind: ContenderTask['kind'];
	wallMs: number;
	records: number;
	uniqueIds: number;
	outputJsonBytes: number;
	rssBefore: number;
	rssPeak: number;
	heapBefore: number;
	heapPeak: number;
	peakSource: 'kernel' | 'sampled';
	/** V8 heap still held right after the run with the output alive, after a full GC: what the output really costs. */
	heapRetained: number;
	/** The execution's error message when the node failed. */
	error?: string;
}

async function clearSandboxLog(controlUrl: string): Promise<void> {
	const { statusCode, body } = await request(`${controlUrl}/__sandbox/requests`, {
		method: 'DELETE',
	});
	await body.dump();
	if (statusCode >= 300) throw new Error(`could not clear the sandbox request log (${statusCode})`);
}

/**
 * The floor: the same pages as the node (contacts: limit=100, following cursors; invoices:
 * page=1,2,… of pageSize=200 until the total), nothing else.
 */
async function listRaw(baseUrl: string, apiKey: string, list: ListSpec): Promise<unknown[]> {
	if (list.pagination === 'page') return await listRawByPage(baseUrl, apiKey, list);
	const records: unknown[] = [];
	let cursor: string | undefined;
	for (;;) {
		const url = `${baseUrl}${list.path}?limit=${list.pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const { statusCode, body } = await request(url, {
			headers: { authorization: `Bearer ${apiKey}` },
		});
		const page = (await body.json()) as {
			data: unknown[];
			meta: { pagination: { cursor: string | null; has_more: boolean } };
		};
		if (statusCode !== 200) throw new Error(`raw loop: ${url} answered ${statusCode}`);
		for (const record of page.data) records.push(record);
		if (!page.meta.pagination.has_more || !page.meta.pagination.cursor) return records;
		cursor = page.meta.pagination.cursor;
	}
}

async function listRawByPage(baseUrl: string, apiKey: string, list: ListSpec): Promise<unknown[]> {
	const records: unknown[] = [];
	for (let page = 1; ; page++) {
		const url = `${baseUrl}${list.path}?page=${page}&pageSize=${list.pageSize}`;
		const { statusCode, body } = await request(url, {
			headers: { authorization: `Bearer ${apiKey}` },
		});
		const answer = (await body.json()) as {
			data: unknown[];
			meta: { pagination: { total?: number } };
		};
		if (statusCode !== 200) throw new Error(`raw loop: ${url} answered ${statusCode}`);
		for (const record of answer.data) records.push(record);
		const total = answer.meta.pagination.total;
		if (
			answer.data.length < list.pageSize ||
			(typeof total === 'number' && page * list.pageSize >= total)
		)
			return records;
	}
}

/** The rows of an exported CSV as `{ id }` records (ids are the first column), for the same checks as a list. */
function csvRows(csv: Buffer): Array<{ id: string }> {
	const lines = csv
		.toString('utf8')
		.split('\n')
		.filter((line) => line !== '');
	const idColumn = lines[0]?.split(',').indexOf('id') ?? -1;
	return lines.slice(1).map((line) => ({ id: line.split(',')[idColumn] }));
}

/** The file an export contender received, as n8n's binary data (base64 in memory mode, else a file id). */
let exportedFile: IBinaryData | undefined;
let binaryData:
	| { init(): Promise<void>; getAsBuffer(binary: IBinaryData): Promise<Buffer> }
	| undefined;

async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) =>
			session.post(method, params ?? {}, (error, result) =>
				error ? reject(error) : resolve(result),
			),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 200 });
	await post('Profiler.start');
	return {
		async stop() {
			const { profile } = (await post('Profiler.stop')) as { profile: unknown };
			session.disconnect();
			return profile;
		},
	};
}

async function main(): Promise<void> {
	const task = JSON.parse(process.env.BENCH_TASK ?? '') as ContenderTask;
	let run: () => Promise<{ json: unknown[]; error?: string }>;

	const list =
		task.kind === 'create-ours' || task.kind === 'export-ours'
			? CONTACT_LIST
			: (task.list ?? CONTACT_LIST);
	if (task.kind === 'list-raw') {
		const warm = await request(
			`${task.baseUrl}${list.path}?${list.pagination === 'page' ? 'pageSize' : 'limit'}=1`,
			{
				headers: { authorization: `Bearer ${task.apiKey}` },
			},
		);
		await warm.body.dump();
		run = async () => ({ json: await listRaw(task.baseUrl, task.apiKey, list) });
	} else {
		// Loaded only here: the raw contender must not pay for n8n-core.
		const { runNode } = await import('../test/harness');
		const credentials = { buildWorkProApi: { apiKey: task.apiKey, baseUrl: task.baseUrl } };
		const warmupKey =
			task.kind === 'list-ours' || task.kind === 'export-ours'
				? (task.warmupApiKey ?? task.apiKey)
				: task.apiKey;
		// Warm-up: loads node types and compiles the node, as in a running n8n.
		const warm = await runNode({
			credentials: { buildWorkProApi: { apiKey: warmupKey, baseUrl: task.baseUrl } },
			parameters: { resource: list.resource, operation: 'getAll', returnAll: false, limit: 1 },
		});
		if (warm.error) throw new Error(`warm-up failed: ${warm.error.message}`);
		if (task.kind === 'export-ours') {
			// n8n 2.x's default: binary data goes to files under the user folder, not into the items.
			if (process.env.BENCH_BINARY_MODE !== 'memory') {
				const { Container } = await import('@n8n/di');
				const { BinaryDataService } = await import('n8n-core');
				binaryData = Container.get(BinaryDataService);
				await binaryData.init();
			}
			run = async () => {
				const result = await runNode({
					credentials,
					parameters: { resource: 'contact', operation: 'export' },
				});
				// The file is read back after the measured window: what the node holds is n8n's binary data.
				exportedFile = result.items[0]?.binary?.data;
				return {
					json: [],
					error: result.error
						? `${result.error.message} ${result.error.description ?? ''}`
						: undefined,
				};
			};
		} else if (task.kind === 'list-ours') {
			run = async () => {
				const result = await runNode({
					credentials,
					parameters: { resource: list.resource, operation: 'getAll', returnAll: true },
				});
				return {
					json: result.json,
					error: result.error
						? `${result.error.message} ${result.error.description ?? ''}`
						: undefined,
				};
			};
		} else {
			const inputs = contactInputs(task.prefix, task.count);
			run = async () => {
				const result = await runNode({
					credentials,
					input: inputs,
					// What a user sets up: fields mapped from the incoming item, n8n's Retry On Fail on (its defaults).
					parameters: {
						resource: 'contact',
						operation: 'create',
						type: 'customer',
						additionalFields: {
							firstName: '={{ $json.firstName }}',
							lastName: '={{ $json.lastName }}',
							email: '={{ $json.email }}',
						},
					},
					settings: { retryOnFail: true },
				});
				return {
					json: result.json,
					error: result.error
						? `${result.error.message} ${result.error.description ?? ''}`
						: undefined,
				};
			};
		}
	}
	await clearSandboxLog(task.controlUrl);

	// BENCH_CPU_PROFILE=<file>: V8's sampling profiler around the measured run only (not start-up, not warm-up).
	const profileFile = process.env.BENCH_CPU_PROFILE;
	const profiler = profileFile ? await startProfiler() : undefined;
	const started = performance.now();
	const { value, memory } = await measureMemory(run);
	const wallMs = performance.now() - started;
	if (profiler && profileFile) writeFileSync(profileFile, JSON.stringify(await profiler.stop()));
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const heapRetained = process.memoryUsage().heapUsed - memory.heapBefore;
	const csv =
		exportedFile === undefined
			? undefined
			: exportedFile.id && binaryData
				? await binaryData.getAsBuffer(exportedFile)
				: Buffer.from(exportedFile.data, 'base64');
	if (csv) value.json = csvRows(csv);
	const ids = new Set(value.json.map((record) => (record as { id?: unknown }).id));
	const result: ContenderResult = {
		kind: task.kind,
		wallMs,
		records: value.json.length,
		uniqueIds: ids.size,
		outputJsonBytes: csv ? csv.length : Buffer.byteLength(JSON.stringify(value.json)),
		...memory,
		heapRetained,
		...(value.error && { error: value.error }),
	};
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error instanceof Error ? error.stack : error);
		process.exit(1);
	},
);
