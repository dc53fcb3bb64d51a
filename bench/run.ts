/**
 * `npm run bench`: starts the BuildWorkPro sandbox (and, when a cached n8n is ready, a real n8n
 * for its HTTP Request node) and measures, side by side in one run:
 *   1. Return All over 10,000 and 100,000 contacts: our node (n8n-core engine, test/harness)
 *      vs a raw undici loop (the floor) vs n8n's HTTP Request node with its pagination + Split Out,
 *      and, inside the same real n8n, our node vs the floor in n8n (bench/floor-node: a loop over
 *      n8n's own httpRequestWithAuthentication, the cheapest anything in n8n can do).
 *   1b. Return All over 10,000 invoices (page/pageSize, pageSize 200): raw loop vs our node vs the
 *      floor in n8n; our node's rows are skipped, with the reason, while it has no invoice resource.
 *   2. Return All under a scaled-down rate limit (60 requests per 2 s per key).
 *   3. Exactly-once creation of 1,000 contacts under 10 % commit-then-drop and 5 % 503 faults.
 *   4. Webhook signature verification, µs per 2 KB delivery.
 *   5. 100,000 contacts under the documented limits scaled 30× down: Return All page by page vs
 *      Export (one CSV as binary data): time, requests, and the peak memory of the ~20 MB download.
 * Prints a table, writes bench/results/{results.json,table.md,chart.svg}, and exits non-zero when a
 * result is WRONG (missing or duplicate records, a failed execution of our node), not when slow.
 *
 * Knobs (env): BENCH_REPS (3), BENCH_SIZES ("10000,100000"), BENCH_N8N=off (skip the HTTP Request node),
 * BENCH_PROFILE=0 (skip the CPU profiles of one extra raw and our-node run), BENCH_RESULTS_DIR (bench/results),
 * BENCH_PARTS (e.g. "list,profile"; default all: list,invoices,profile,rate,exactly-once,signature,export) while working on one part.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ALL_SCOPES, DEFAULT_KEYS, startSandbox, type Sandbox } from '../sandbox';
import type { ContenderResult } from './contender';
import { CONTACT_LIST, INVOICE_LIST, type ListSpec } from './lib/lists';
import { runContender } from './lib/child';
import { startFaultProxy } from './lib/faultProxy';
import { contactInputs, inputIndexOf } from './lib/inputs';
import {
	createEachWorkflow,
	findReadyN8n,
	floorListAllWorkflow,
	FLOOR_NODE_NAME,
	listAllWorkflow,
	ourListAllWorkflow,
	runWorkflow,
	settleN8n,
	startBenchN8n,
	type BenchN8n,
	type N8nRunResult,
} from './lib/n8n';
import {
	renderChart,
	renderTable,
	type BenchResults,
	type ExportRow,
	type ListRow,
	type RateRow,
	type ExactlyOnceRow,
} from './lib/report';
import { packFloorNode } from './lib/floor';
import { summariseCpuProfile, type ProfileSummary } from './lib/cpuProfile';
import { benchSignature } from './lib/signature';
import { readPrepared } from '../e2e/lib/prepared';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const PARTS = new Set(
	(process.env.BENCH_PARTS ?? 'list,invoices,profile,rate,exactly-once,signature,export').split(
		',',
	),
);
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? join(__dirname, 'results');
const RATE = { keyLimit: 60, keyWindowMs: 2_000, contacts: 60_000 };
const EXACTLY_ONCE = { count: 1_000, dropEvery: 10, unavailableEvery: 20 };
const INVOICES = { count: 10_000 };
/** The documented limits (60 requests/min per key, 10,000 units/h per tenant) scaled down 30×, the same for both contenders. */
const EXPORT = {
	contacts: 100_000,
	keyLimit: 60,
	keyWindowMs: 2_000,
	tenantBudget: 10_000,
	tenantWindowMs: 120_000,
	/** Where n8n keeps the downloaded file: 'filesystem' (n8n 2.x's default) or BENCH_BINARY_MODE=memory (1.x's). */
	binaryMode: process.env.BENCH_BINARY_MODE === 'memory' ? 'memory' : 'filesystem',
};

/** Tenants: one per data set, so nothing is re-seeded between parts. */
const KEYS = {
	list10k: 'bwp_test_tenant2_sandbox',
	list100k: 'bwp_test_full_sandbox',
	rate: 'bwp_test_bench_rate',
	writes: 'bwp_test_bench_writes',
	invoices: 'bwp_test_bench_invoices',
};
const TENANT = { list10k: 2, list100k: 1, rate: 3, writes: 4, invoices: 5 };

const problems: string[] = [];
/** Every n8n the bench started: each in-n8n measurement waits until all of them are idle. */
const allN8n: Array<BenchN8n | undefined> = [];
function wrong(message: string): void {
	problems.push(message);
	console.error(`  WRONG: ${message}`);
}

const median = (values: number[]): number => {
	const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (finite.length === 0) return NaN;
	const mid = Math.floor(finite.length / 2);
	return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
};

function log(line: string): void {
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

interface ListSample {
	ms: number;
	requests: number;
	growth: number;
	/** Heap held by the output after a full GC (raw, ours). */
	retained?: number;
	outputJsonBytes: number;
	/** In-n8n contenders only: whole execution as n8n recorded it, and REST round trip. */
	executionMs?: number;
	wallMs?: number;
}

function checkList(
	who: string,
	expected: number,
	result: { records: number; uniqueIds: number; error?: string },
): void {
	if (result.error) wrong(`${who}: the execution failed: ${result.error}`);
	if (result.records !== expected)
		wrong(`${who}: ${result.records} records instead of ${expected}`);
	if (result.uniqueIds !== result.records)
		wrong(`${who}: ${result.records - result.uniqueIds} duplicate records`);
}

function splitOutput(run: N8nRunResult, node: string) {
	return run.execution.output[node] ?? [];
}

/**
 * One Return All inside a real n8n (the HTTP Request node's workflow or ours), read the same way
 * for every contender: n8n's own time for `timedNodes`, requests from the sandbox's log, and the
 * growth of n8n's peak RSS. Fails the bench when the records are wrong.
 */
async function measureListInN8n(
	sandbox: Sandbox,
	n8n: BenchN8n,
	who: string,
	expected: number,
	nodes: Parameters<typeof runWorkflow>[2],
	outputNode: string,
	timedNodes: string[],
): Promise<ListSample> {
	// Every n8n idle first: the previous execution's aftermath (saving its data, GC) must not land on this one.
	const settledMs = await settleN8n(allN8n);
	sandbox.clearRequestLog();
	const run = await runWorkflow(n8n, `bench ${who}`, nodes);
	const requests = sandbox.requestLog().length;
	const records = splitOutput(run, outputNode);
	checkList(who, expected, {
		records: records.length,
		uniqueIds: new Set(records.map((record) => record.id)).size,
		error:
			run.execution.status === 'success'
				? undefined
				: `${run.execution.status}: ${run.execution.error?.message}`,
	});
	const ms = timedNodes.reduce((total, node) => total + (run.nodeTimesMs[node] ?? NaN), 0);
	const growth =
		run.rssPeak !== undefined && run.rssBefore !== undefined ? run.rssPeak - run.rssBefore : NaN;
	log(
		`${who}: ${timedNodes.join(' + ')} ${ms.toFixed(0)} ms (execution ${run.executionMs} ms, REST round trip ${run.wallMs.toFixed(0)} ms), ${requests} requests, n8n peak RSS +${mb(growth)} MB (after ${(settledMs / 1000).toFixed(1)} s waiting for n8n to go idle)`,
	);
	return {
		ms,
		requests,
		growth,
		outputJsonBytes: Buffer.byteLength(JSON.stringify(records)),
		executionMs: run.executionMs,
		wallMs: run.wallMs,
	};
}

type Samples = Record<'raw' | 'ours' | 'oursInN8n' | 'floorInN8n' | 'httpRequest', ListSample[]>;

const emptySamples = (): Samples => ({
	raw: [],
	ours: [],
	oursInN8n: [],
	floorInN8n: [],
	httpRequest: [],
});

/** One child-process Return All (raw loop or our node through the harness), checked and logged. */
async function measureListInChild(
	sandbox: Sandbox,
	kind: 'list-raw' | 'list-ours',
	who: string,
	key: string,
	expected: number,
	list: ListSpec,
): Promise<ListSample> {
	const result: ContenderResult = await runContender({
		kind,
		baseUrl: sandbox.baseUrl,
		controlUrl: sandbox.url,
		apiKey: key,
		expected,
		list,
	});
	const requests = sandbox.requestLog().length;
	checkList(who, expected, result);
	log(
		`${who}: ${result.wallMs.toFixed(0)} ms, ${requests} requests, peak RSS +${mb(result.rssPeak - result.rssBefore)} MB (output JSON ${mb(result.outputJsonBytes)} MB)`,
	);
	return {
		ms: result.wallMs,
		requests,
		growth: result.rssPeak - result.rssBefore,
		retained: result.heapRetained,
		outputJsonBytes: result.outputJsonBytes,
	};
}

/** Medians per contender; ratios paired per repetition (to raw, and ours in n8n to the floor in n8n). */
function rowsFrom(size: number, samples: Samples): ListRow[] {
	const rows: ListRow[] = [];
	const pairedRatio = (list: ListSample[], base: ListSample[]) =>
		median(list.map((sample, rep) => sample.ms / (base[rep]?.ms ?? NaN)));
	for (const [contender, list] of Object.entries(samples) as Array<[keyof Samples, ListSample[]]>) {
		if (list.length === 0) continue;
		const ms = median(list.map((sample) => sample.ms));
		const inN8n =
			contender === 'httpRequest' || contender === 'oursInN8n' || contender === 'floorInN8n';
		// Paired with the raw run of the same repetition (seconds apart), so load from other
		// processes on the shared machine cancels out better than in a ratio of medians.
		const ratioToRaw = pairedRatio(list, samples.raw);
		// n8n keeps the heap an execution grew, and later runs reuse it: for the n8n contenders
		// the first run of a size is the one that shows what the size costs.
		const growth = inN8n ? list[0].growth : median(list.map((sample) => sample.growth));
		const outputJsonBytes = median(list.map((sample) => sample.outputJsonBytes));
		rows.push({
			size,
			contender,
			ms,
			ratioToRaw,
			...(contender === 'oursInN8n' &&
				samples.floorInN8n.length > 0 && { ratioToFloor: pairedRatio(list, samples.floorInN8n) }),
			requests: median(list.map((sample) => sample.requests)),
			growthBytes: growth,
			outputJsonBytes,
			growthToOutput: growth / outputJsonBytes,
			retainedBytes: median(list.map((sample) => sample.retained ?? NaN)),
			...(inN8n && {
				executionMs: median(list.map((sample) => sample.executionMs ?? NaN)),
				wallMs: median(list.map((sample) => sample.wallMs ?? NaN)),
			}),
			samples: list,
		});
	}
	return rows;
}

async function listPart(
	sandbox: Sandbox,
	n8n: BenchN8n | undefined,
	n8nOurs: BenchN8n | undefined,
): Promise<ListRow[]> {
	sandbox.setRateLimit({ enabled: false });
	const rows: ListRow[] = [];
	for (const size of SIZES) {
		const key = size === 100_000 ? KEYS.list100k : KEYS.list10k;
		const samples = emptySamples();
		for (let rep = 1; rep <= REPS; rep++) {
			// Interleaved, so a noisy moment on the shared machine hits every contender alike.
			samples.raw.push(
				await measureListInChild(
					sandbox,
					'list-raw',
					`raw loop ${size} #${rep}`,
					key,
					size,
					CONTACT_LIST,
				),
			);
			samples.ours.push(
				await measureListInChild(
					sandbox,
					'list-ours',
					`our node ${size} #${rep}`,
					key,
					size,
					CONTACT_LIST,
				),
			);
			if (n8n) {
				const credential = await n8n.credentialFor(key);
				samples.httpRequest.push(
					await measureListInN8n(
						sandbox,
						n8n,
						`HTTP Request node ${size} #${rep}`,
						size,
						listAllWorkflow(sandbox.baseUrl, credential),
						'Split Out',
						['HTTP Request', 'Split Out'],
					),
				);
			}
			if (n8nOurs?.ours) {
				// Our node measured exactly like the HTTP Request node: same n8n build, same timing and memory readings.
				const credential = await n8nOurs.ours.credentialFor(key, sandbox.baseUrl);
				const ours = async () =>
					samples.oursInN8n.push(
						await measureListInN8n(
							sandbox,
							n8nOurs,
							`our node in n8n ${size} #${rep}`,
							size,
							ourListAllWorkflow(credential),
							'BuildWorkPro',
							['BuildWorkPro'],
						),
					);
				// The floor in the same n8n, with the same credential: what n8n's HTTP stack alone costs.
				const floor = async () =>
					n8nOurs.floor &&
					samples.floorInN8n.push(
						await measureListInN8n(
							sandbox,
							n8nOurs,
							`floor node in n8n ${size} #${rep}`,
							size,
							floorListAllWorkflow(credential, CONTACT_LIST),
							FLOOR_NODE_NAME,
							[FLOOR_NODE_NAME],
						),
					);
				// Ours first in odd repetitions (its first run, which the memory reading uses, as before), the floor first in even ones.
				if (rep % 2 === 1) {
					await ours();
					await floor();
				} else {
					await floor();
					await ours();
				}
			}
		}
		rows.push(...rowsFrom(size, samples));
	}
	return rows;
}

/**
 * Whether this checkout's node offers Get Many on invoices (the resource is being added): the
 * harness runs the sources, so that decides the harness row. The in-n8n rows also need the
 * packed tarball to hold it (an older `npm run e2e:prepare` predates it).
 */
async function invoiceResourceInSources(): Promise<string | undefined> {
	try {
		const { resourceOptions, resourceProperties } = await import('../nodes/BuildWorkPro/resources');
		if (!resourceOptions.some((option) => option.value === INVOICE_LIST.resource))
			return 'the node has no invoice resource';
		const getAll = resourceProperties.some(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(INVOICE_LIST.resource) &&
				property.options?.some((option) => 'value' in option && option.value === 'getAll'),
		);
		return getAll ? undefined : 'the invoice resource has no Get Many (getAll) operation';
	} catch (error) {
		return `the node's resources do not load: ${(error as Error).message.split('\n')[0]}`;
	}
}

function invoiceResourceInTarball(n8nOurs: BenchN8n): string | undefined {
	const dir = join(
		n8nOurs.ours!.packageDir,
		'dist',
		'nodes',
		'BuildWorkPro',
		'resources',
		INVOICE_LIST.resource,
	);
	return existsSync(dir)
		? undefined
		: `the packed tarball (${n8nOurs.ours!.tarball}) has no invoice resource: run \`npm run e2e:prepare\` again`;
}

/**
 * Return All over INVOICES.count invoices (page/pageSize, pageSize 200): raw loop vs our node
 * (harness and in n8n) vs the floor in n8n. Skipped, with the reason, while the node lacks the resource.
 */
async function invoicePart(
	sandbox: Sandbox,
	n8nOurs: BenchN8n | undefined,
): Promise<{ rows: ListRow[]; skipped?: string; skippedInN8n?: string }> {
	sandbox.setRateLimit({ enabled: false });
	const size = INVOICES.count;
	const key = KEYS.invoices;
	const samples = emptySamples();
	const missing = await invoiceResourceInSources();
	// Without the resource the raw loop and the floor still run: they need only the sandbox.
	if (missing)
		log(`SKIPPED invoices row for our node: invoice resource not available yet (${missing})`);
	const skippedInN8n = !n8nOurs?.ours
		? 'no n8n with our package'
		: missing
			? `invoice resource not available yet (${missing})`
			: invoiceResourceInTarball(n8nOurs);
	if (skippedInN8n && !missing) log(`invoices row, our node in n8n NOT measured: ${skippedInN8n}`);
	for (let rep = 1; rep <= REPS; rep++) {
		samples.raw.push(
			await measureListInChild(
				sandbox,
				'list-raw',
				`raw loop, ${size} invoices #${rep}`,
				key,
				size,
				INVOICE_LIST,
			),
		);
		if (!missing)
			samples.ours.push(
				await measureListInChild(
					sandbox,
					'list-ours',
					`our node, ${size} invoices #${rep}`,
					key,
					size,
					INVOICE_LIST,
				),
			);
		if (n8nOurs?.ours) {
			const credential = await n8nOurs.ours.credentialFor(key, sandbox.baseUrl);
			if (!skippedInN8n) {
				samples.oursInN8n.push(
					await measureListInN8n(
						sandbox,
						n8nOurs,
						`our node in n8n, ${size} invoices #${rep}`,
						size,
						ourListAllWorkflow(credential, INVOICE_LIST.resource),
						'BuildWorkPro',
						['BuildWorkPro'],
					),
				);
			}
			if (n8nOurs.floor) {
				samples.floorInN8n.push(
					await measureListInN8n(
						sandbox,
						n8nOurs,
						`floor node in n8n, ${size} invoices #${rep}`,
						size,
						floorListAllWorkflow(credential, INVOICE_LIST),
						FLOOR_NODE_NAME,
						[FLOOR_NODE_NAME],
					),
				);
			}
		}
	}
	return {
		rows: rowsFrom(size, samples),
		...(missing && { skipped: `invoice resource not available yet (${missing})` }),
		...(skippedInN8n && { skippedInN8n }),
	};
}

/** One extra, profiled Return All per contender (largest size): where does the time go? */
async function profilePart(sandbox: Sandbox): Promise<Record<string, ProfileSummary>> {
	sandbox.setRateLimit({ enabled: false });
	const size = Math.max(...SIZES);
	const key = size === 100_000 ? KEYS.list100k : KEYS.list10k;
	const dir = mkdtempSync(join(tmpdir(), 'bwp-bench-prof-'));
	const summaries: Record<string, ProfileSummary> = {};
	try {
		for (const kind of ['list-raw', 'list-ours'] as const) {
			const file = join(dir, `${kind}.cpuprofile`);
			const result = await runContender(
				{ kind, baseUrl: sandbox.baseUrl, controlUrl: sandbox.url, apiKey: key, expected: size },
				180_000,
				{ BENCH_CPU_PROFILE: file },
			);
			checkList(`${kind} (profiled)`, size, result);
			const summary = summariseCpuProfile(file);
			summaries[kind] = summary;
			log(
				`profile of ${kind} over ${size} (${result.wallMs.toFixed(0)} ms under the profiler), self time by area:`,
			);
			for (const area of summary.areas.slice(0, 10))
				log(
					`    ${area.ms.toFixed(0).padStart(6)} ms ${(area.share * 100).toFixed(1).padStart(5)} %  ${area.area}`,
				);
			log('  top functions:');
			for (const fn of summary.functions.slice(0, 10))
				log(
					`    ${fn.ms.toFixed(0).padStart(6)} ms ${(fn.share * 100).toFixed(1).padStart(5)} %  ${fn.name}`,
				);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return summaries;
}

interface Pacing {
	/** Requests the server counted (429s left out). */
	counted: number;
	/** Past the first, free window: the share of `limit` per window used, 1 being every slot as it frees. */
	steadyShareOfBound: number;
	/** Pauses longer than 150 ms between requests. */
	pauses: number;
}

/** How fully a paced run used the key's window, from the sandbox's log. */
function pacingOf(sandbox: Sandbox): Pacing {
	const times = sandbox
		.requestLog()
		.filter((entry) => entry.status !== 429)
		.map((entry) => Date.parse(entry.at))
		.sort((a, b) => a - b);
	const { keyLimit, keyWindowMs } = RATE;
	const steadyShareOfBound =
		((times.length - keyLimit) * (keyWindowMs / keyLimit)) /
		(times[times.length - 1] - times[keyLimit - 1]);
	const pauses = times.filter((time, i) => i > 0 && time - times[i - 1] > 150).length;
	return { counted: times.length, steadyShareOfBound, pauses };
}

/** 100,000 contacts under the scaled limits: Get Many with Return All page by page, against Export's one CSV. */
async function exportPart(sandbox: Sandbox): Promise<ExportRow[]> {
	const rows: ExportRow[] = [];
	for (const contender of ['paged', 'export'] as const) {
		const samples: Array<{
			ms: number;
			requests: number;
			growth: number;
			fileBytes: number;
			r429: number;
		}> = [];
		for (let rep = 1; rep <= REPS; rep++) {
			sandbox.setRateLimit({
				enabled: true,
				keyLimit: EXPORT.keyLimit,
				keyWindowMs: EXPORT.keyWindowMs,
				tenantBudget: EXPORT.tenantBudget,
				tenantWindowMs: EXPORT.tenantWindowMs,
			});
			const result = await runContender(
				{
					kind: contender === 'paged' ? 'list-ours' : 'export-ours',
					baseUrl: sandbox.baseUrl,
					controlUrl: sandbox.url,
					apiKey: KEYS.list100k,
					expected: EXPORT.contacts,
					warmupApiKey: KEYS.list10k,
				},
				600_000,
			);
			checkList(`our node, ${contender} #${rep}`, EXPORT.contacts, result);
			const log429 = sandbox.requestLog().filter((entry) => entry.status === 429).length;
			samples.push({
				ms: result.wallMs,
				requests: sandbox.requestLog().length,
				growth: result.rssPeak - result.rssBefore,
				fileBytes: result.outputJsonBytes,
				r429: log429,
			});
			log(
				`our node, ${contender} #${rep}: ${result.records} contacts in ${result.wallMs.toFixed(0)} ms, ${samples.at(-1)!.requests} requests, peak RSS growth ${(samples.at(-1)!.growth / 1e6).toFixed(1)} MB (${contender === 'export' ? 'file' : 'output JSON'} ${(result.outputJsonBytes / 1e6).toFixed(1)} MB)`,
			);
		}
		rows.push({
			contender,
			contacts: EXPORT.contacts,
			ms: median(samples.map((sample) => sample.ms)),
			requests: median(samples.map((sample) => sample.requests)),
			responses429: median(samples.map((sample) => sample.r429)),
			rssGrowth: median(samples.map((sample) => sample.growth)),
			outputBytes: median(samples.map((sample) => sample.fileBytes)),
			runs: samples.length,
		});
	}
	sandbox.setRateLimit({ enabled: false });
	return rows;
}

async function ratePart(sandbox: Sandbox, n8n: BenchN8n | undefined): Promise<RateRow[]> {
	const rateLimit = {
		enabled: true,
		keyLimit: RATE.keyLimit,
		keyWindowMs: RATE.keyWindowMs,
		tenantBudget: 1_000_000,
	};
	const boundPerSecond = (RATE.keyLimit * 100) / (RATE.keyWindowMs / 1000);
	const rows: RateRow[] = [];
	const count429 = () => sandbox.requestLog().filter((entry) => entry.status === 429).length;

	const ours: Array<{
		ms: number;
		records: number;
		requests: number;
		r429: number;
		failed: boolean;
		pacing: Pacing;
	}> = [];
	for (let rep = 1; rep <= REPS; rep++) {
		sandbox.setRateLimit(rateLimit); // fresh buckets for every run
		const result = await runContender({
			kind: 'list-ours',
			baseUrl: sandbox.baseUrl,
			controlUrl: sandbox.url,
			apiKey: KEYS.rate,
			expected: RATE.contacts,
			// The warm-up request must not spend the measured key's budget (nor teach its pacing anything).
			warmupApiKey: KEYS.list10k,
		});
		checkList(`our node, rate-limited #${rep}`, RATE.contacts, result);
		const sample = {
			ms: result.wallMs,
			records: result.records,
			requests: sandbox.requestLog().length,
			r429: count429(),
			failed: !!result.error,
			pacing: pacingOf(sandbox),
		};
		ours.push(sample);
		log(
			`  pacing: ${(sample.pacing.steadyShareOfBound * 100).toFixed(1)} % of the bound after the first window, ${sample.pacing.pauses} pauses`,
		);
		log(
			`our node, rate-limited #${rep}: ${result.records} records in ${result.wallMs.toFixed(0)} ms = ${(result.records / (result.wallMs / 1000)).toFixed(0)}/s (bound ${boundPerSecond}/s), ${sample.r429} × 429`,
		);
	}
	const oursMs = median(ours.map((sample) => sample.ms));
	rows.push({
		contender: 'ours',
		setup: 'defaults',
		records: median(ours.map((sample) => sample.records)),
		expected: RATE.contacts,
		status: ours.every((sample) => !sample.failed) ? 'success' : 'error',
		ms: oursMs,
		recordsPerSecond: RATE.contacts / (oursMs / 1000),
		fractionOfBound: RATE.contacts / (oursMs / 1000) / boundPerSecond,
		requests: median(ours.map((sample) => sample.requests)),
		responses429: median(ours.map((sample) => sample.r429)),
		failedExecutions: ours.filter((sample) => sample.failed).length,
		runs: ours.length,
		pacing: [...ours].sort((a, b) => a.ms - b.ms)[Math.floor(ours.length / 2)]?.pacing,
	});

	if (n8n) {
		const credential = await n8n.credentialFor(KEYS.rate);
		const setups: Array<{ setup: string; requestIntervalMs?: number }> = [
			{ setup: 'pagination as above, no interval' },
			{
				setup: `Interval Between Requests ${Math.ceil(RATE.keyWindowMs / RATE.keyLimit)} ms`,
				requestIntervalMs: Math.ceil(RATE.keyWindowMs / RATE.keyLimit),
			},
		];
		for (const { setup, requestIntervalMs } of setups) {
			sandbox.setRateLimit(rateLimit);
			sandbox.clearRequestLog();
			const run = await runWorkflow(
				n8n,
				`bench rate-limited ${setup}`,
				listAllWorkflow(sandbox.baseUrl, credential, { requestIntervalMs }),
			);
			const records = splitOutput(run, 'Split Out').length;
			const ms = (run.nodeTimesMs['HTTP Request'] ?? NaN) + (run.nodeTimesMs['Split Out'] ?? 0);
			const failed = run.execution.status !== 'success';
			const row: RateRow = {
				contender: 'httpRequest',
				setup,
				records,
				expected: RATE.contacts,
				status: run.execution.status,
				ms,
				recordsPerSecond: records / (ms / 1000),
				// A share of the bound means nothing for a run that stopped early.
				fractionOfBound: records === RATE.contacts ? records / (ms / 1000) / boundPerSecond : NaN,
				requests: sandbox.requestLog().length,
				responses429: count429(),
				failedExecutions: failed ? 1 : 0,
				runs: 1,
				...(failed && { error: run.execution.error?.message ?? run.execution.status }),
			};
			rows.push(row);
			log(
				`HTTP Request node, rate-limited (${setup}): ${run.execution.status}, ${records} records in ${ms.toFixed(0)} ms, ${row.requests} requests, ${row.responses429} × 429${failed ? ` — ${row.error}` : ''}`,
			);
		}
	}
	sandbox.setRateLimit({ enabled: false });
	return rows;
}

function countWrites(
	sandbox: Sandbox,
	prefix: string,
	count: number,
): { duplicates: number; missing: number; stored: number } {
	const perInput = new Array<number>(count).fill(0);
	let stored = 0;
	for (const contact of sandbox.contacts(TENANT.writes)) {
		const index = inputIndexOf(prefix, contact.email);
		if (index === undefined) continue;
		perInput[index] += 1;
		stored += 1;
	}
	return {
		duplicates: perInput.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
		missing: perInput.filter((n) => n === 0).length,
		stored,
	};
}

async function exactlyOncePart(
	sandbox: Sandbox,
	n8n: BenchN8n | undefined,
): Promise<ExactlyOnceRow[]> {
	sandbox.setRateLimit({ enabled: false });
	const faultFor = (n: number) =>
		n % EXACTLY_ONCE.dropEvery === 3
			? ('commit-then-drop' as const)
			: n % EXACTLY_ONCE.unavailableEvery === 7
				? ('unavailable' as const)
				: undefined;
	const rows: ExactlyOnceRow[] = [];
	const contenders: Array<'ours' | 'httpRequest'> = n8n ? ['ours', 'httpRequest'] : ['ours'];
	for (const contender of contenders) {
		const prefix = `${contender}-${Date.now()}`;
		const proxy = await startFaultProxy(sandbox, { method: 'POST', path: '/contacts' }, faultFor);
		sandbox.clearRequestLog();
		const started = performance.now();
		let error: string | undefined;
		try {
			if (contender === 'ours') {
				const result = await runContender(
					{
						kind: 'create-ours',
						baseUrl: proxy.baseUrl,
						controlUrl: sandbox.url,
						apiKey: KEYS.writes,
						prefix,
						count: EXACTLY_ONCE.count,
					},
					300_000,
				);
				error = result.error;
			} else {
				const credential = await n8n!.credentialFor(KEYS.writes);
				const run = await runWorkflow(
					n8n!,
					`bench exactly-once`,
					createEachWorkflow(proxy.baseUrl, credential, contactInputs(prefix, EXACTLY_ONCE.count)),
				);
				if (run.execution.status !== 'success')
					error = run.execution.error?.message ?? run.execution.status;
			}
		} finally {
			await proxy.close();
		}
		const ms = performance.now() - started;
		const posts = sandbox.requestLog().filter((entry) => entry.method === 'POST').length;
		const counts = countWrites(sandbox, prefix, EXACTLY_ONCE.count);
		const row: ExactlyOnceRow = {
			contender,
			items: EXACTLY_ONCE.count,
			...counts,
			posts,
			faults: proxy.injected,
			failedExecutions: error ? 1 : 0,
			ms,
			...(error && { error }),
		};
		rows.push(row);
		log(
			`exactly-once, ${contender}: ${counts.stored} stored, ${counts.duplicates} duplicates, ${counts.missing} missing, ${posts} POSTs, faults ${JSON.stringify(proxy.injected)}, ${(ms / 1000).toFixed(1)} s${error ? ` — failed: ${error.slice(0, 200)}` : ''}`,
		);
		if (contender === 'ours') {
			if (error) wrong(`our node, exactly-once: the execution failed: ${error}`);
			if (counts.duplicates)
				wrong(`our node, exactly-once: ${counts.duplicates} duplicate contacts`);
			if (counts.missing) wrong(`our node, exactly-once: ${counts.missing} missing contacts`);
		}
	}
	return rows;
}

function mb(bytes: number): string {
	return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
	const benchStarted = Date.now();
	const keys = [
		...DEFAULT_KEYS,
		{
			token: KEYS.rate,
			name: 'Bench rate-limited',
			scopes: [...ALL_SCOPES],
			tenantId: TENANT.rate,
		},
		{ token: KEYS.writes, name: 'Bench writes', scopes: [...ALL_SCOPES], tenantId: TENANT.writes },
		{
			token: KEYS.invoices,
			name: 'Bench invoices',
			scopes: [...ALL_SCOPES],
			tenantId: TENANT.invoices,
		},
	];
	const sandbox = await startSandbox({ keys, testControls: true, rateLimit: { enabled: false } });
	let n8n: BenchN8n | undefined;
	let n8nOurs: BenchN8n | undefined;
	let n8nGap: string | undefined;
	const floorPackDir = mkdtempSync(join(tmpdir(), 'bwp-bench-floor-'));
	try {
		if (SIZES.includes(10_000)) sandbox.seed(10_000, TENANT.list10k);
		if (SIZES.includes(100_000)) sandbox.seed(100_000, TENANT.list100k);
		sandbox.seed(RATE.contacts, TENANT.rate);
		if (PARTS.has('invoices')) sandbox.seedFamily('invoices', INVOICES.count, TENANT.invoices);
		log(`sandbox at ${sandbox.url}, seeded`);

		if (process.env.BENCH_N8N === 'off') n8nGap = 'skipped (BENCH_N8N=off)';
		else {
			const install = findReadyN8n();
			if (!install) n8nGap = 'no cached n8n 2.40.7: run `npm run e2e:prepare` first';
			else {
				// Our node inside the same n8n too, from the tarball `npm run e2e:prepare` packed (as users install it).
				const prepared = readPrepared();
				// The tarball does not depend on the n8n version it was prepared for.
				const tarball = prepared?.tarball;
				// The floor node (bench/floor-node), packed now (plain JS, no build) and installed next to ours.
				let floorTarball: string | undefined;
				if (tarball) {
					try {
						floorTarball = await packFloorNode(floorPackDir);
					} catch (error) {
						log(
							`floor node NOT measured: npm pack of bench/floor-node failed: ${(error as Error).message.split('\n')[0]}`,
						);
					}
				}
				log(
					`starting n8n ${install.version} from ${install.dir}${tarball ? `, and a second one with ${tarball} (packed ${prepared!.preparedAt}) installed` : ' (no packed tarball of this package: our node runs through the harness only)'}`,
				);
				try {
					// One instance per contender, so neither inherits the heap the other's executions grew.
					const [forHttpRequest, forOurs] = await Promise.allSettled([
						startBenchN8n(install),
						tarball ? startBenchN8n(install, tarball, floorTarball) : Promise.resolve(undefined),
					]);
					if (forOurs.status === 'fulfilled') n8nOurs = forOurs.value;
					else log(`n8n with our package did not start: ${String(forOurs.reason).split('\n')[0]}`);
					if (forHttpRequest.status === 'rejected') throw forHttpRequest.reason;
					n8n = forHttpRequest.value;
					allN8n.push(n8n, n8nOurs);
					log(`n8n at ${n8n.server.url}${n8nOurs ? ` and ${n8nOurs.server.url}` : ''}`);
				} catch (error) {
					n8nGap = `n8n did not start: ${(error as Error).message.split('\n')[0]}`;
				}
			}
		}
		if (n8nGap) log(`HTTP Request node NOT measured: ${n8nGap}`);

		log('part 1: Return All, rate limits off');
		const list = PARTS.has('list') ? await listPart(sandbox, n8n, n8nOurs) : [];
		log(
			`part 1b: Return All over ${INVOICES.count} invoices (page/pageSize ≤ ${INVOICE_LIST.pageSize})`,
		);
		const invoices = PARTS.has('invoices')
			? await invoicePart(sandbox, n8nOurs)
			: { rows: [], skipped: 'not run (BENCH_PARTS)' };
		const profile =
			process.env.BENCH_PROFILE === '0' || !PARTS.has('profile')
				? undefined
				: await profilePart(sandbox);
		log(
			`part 2: Return All at ${RATE.keyLimit} requests per ${RATE.keyWindowMs / 1000} s per key over ${RATE.contacts} contacts`,
		);
		const rate = PARTS.has('rate') ? await ratePart(sandbox, n8n) : [];
		log(
			`part 3: exactly-once, ${EXACTLY_ONCE.count} creates, commit-then-drop every ${EXACTLY_ONCE.dropEvery}th POST, 503 every ${EXACTLY_ONCE.unavailableEvery}th`,
		);
		const exactlyOnce = PARTS.has('exactly-once') ? await exactlyOncePart(sandbox, n8n) : [];
		log(
			`part 5: ${EXPORT.contacts} contacts, Return All vs Export, at ${EXPORT.keyLimit} requests per ${EXPORT.keyWindowMs / 1000} s per key and ${EXPORT.tenantBudget} units per ${EXPORT.tenantWindowMs / 1000} s per tenant`,
		);
		if (PARTS.has('export') && !SIZES.includes(100_000))
			sandbox.seed(EXPORT.contacts, TENANT.list100k);
		const exports = PARTS.has('export') ? await exportPart(sandbox) : [];
		log('part 4: webhook signature verification');
		const signature = PARTS.has('signature')
			? benchSignature()
			: { bodyBytes: 0, iterations: 0, microsPerDelivery: NaN, batchesMicros: [] };

		const results: BenchResults = {
			date: new Date().toISOString(),
			machine: {
				node: process.version,
				cpus: (await import('node:os')).cpus().length,
				platform: process.platform,
			},
			n8n: n8n
				? {
						version: n8n.server.install.version,
						...(n8nOurs?.ours && { ourTarball: n8nOurs.ours.tarball }),
						...(n8nOurs?.floor && { floorTarball: n8nOurs.floor.tarball }),
					}
				: { gap: n8nGap ?? 'unknown' },
			config: {
				reps: REPS,
				sizes: SIZES,
				rate: RATE,
				exactlyOnce: EXACTLY_ONCE,
				invoices: { ...INVOICES, pageSize: INVOICE_LIST.pageSize },
				export: EXPORT,
			},
			list,
			invoices,
			rate,
			exactlyOnce,
			exports,
			signature,
			...(profile && { profile }),
			problems,
			durationSeconds: Math.round((Date.now() - benchStarted) / 1000),
		};
		const table = renderTable(results);
		console.log('\n' + table);
		mkdirSync(RESULTS_DIR, { recursive: true });
		writeFileSync(join(RESULTS_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
		writeFileSync(join(RESULTS_DIR, 'table.md'), table + '\n');
		writeFileSync(join(RESULTS_DIR, 'chart.svg'), renderChart(results));
		log(
			`wrote ${RESULTS_DIR}/{results.json,table.md,chart.svg} after ${results.durationSeconds} s`,
		);
	} finally {
		await n8n?.stop();
		await n8nOurs?.stop();
		await sandbox.close();
		rmSync(floorPackDir, { recursive: true, force: true });
	}
	if (problems.length) {
		console.error(
			`\nBENCH FAILED: ${problems.length} wrong result(s):\n- ${problems.join('\n- ')}`,
		);
		process.exit(1);
	}
}

main().catch((error) => {
	console.error(`\nBENCH FAILED: ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
