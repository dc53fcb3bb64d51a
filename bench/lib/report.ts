// The results' shape, the Markdown table (printed and pasted into docs/benchmarks.md) and a small SVG chart.

export interface ListRow {
	size: number;
	contender: 'raw' | 'ours' | 'oursInN8n' | 'floorInN8n' | 'httpRequest';
	/** Median ms: wall time of the run (raw, ours); n8n's executionTime of HTTP Request + Split Out (httpRequest). */
	ms: number;
	/** Median over the repetitions of (this run's time ÷ the raw run's time in the same repetition). */
	ratioToRaw: number;
	/** oursInN8n only: median over the repetitions of (its time ÷ the floor node's time in the same n8n, same repetition). */
	ratioToFloor?: number;
	requests: number;
	/** Median peak RSS growth during the run, bytes (for httpRequest: n8n's main process). */
	growthBytes: number;
	outputJsonBytes: number;
	growthToOutput: number;
	/** Median heap held by the output after a full GC (raw, ours), bytes. */
	retainedBytes: number;
	/** httpRequest only: whole execution (n8n's startedAt→stoppedAt) and REST round trip. */
	executionMs?: number;
	wallMs?: number;
	samples: unknown[];
}

export interface RateRow {
	contender: 'ours' | 'httpRequest';
	setup: string;
	records: number;
	expected: number;
	/** What n8n said about the execution(s): success even when records are missing. */
	status: string;
	ms: number;
	recordsPerSecond: number;
	fractionOfBound: number;
	requests: number;
	responses429: number;
	failedExecutions: number;
	runs: number;
	/** ours: bursts and pauses seen in the sandbox's log (median run). */
	pacing?: { counted: number; steadyShareOfBound: number; pauses: number };
	error?: string;
}

export interface ExportRow {
	contender: 'paged' | 'export';
	contacts: number;
	ms: number;
	requests: number;
	responses429: number;
	/** Peak RSS growth of the contender's process during the run (bytes). */
	rssGrowth: number;
	/** Output JSON (paged) or the CSV file (export), bytes. */
	outputBytes: number;
	runs: number;
}

export interface ExactlyOnceRow {
	contender: 'ours' | 'httpRequest';
	items: number;
	stored: number;
	duplicates: number;
	missing: number;
	posts: number;
	faults: Record<string, number>;
	failedExecutions: number;
	ms: number;
	error?: string;
}

export interface BenchResults {
	date: string;
	machine: { node: string; cpus: number; platform: string };
	n8n: { version: string; ourTarball?: string; floorTarball?: string } | { gap: string };
	config: {
		reps: number;
		sizes: number[];
		rate: { keyLimit: number; keyWindowMs: number; contacts: number };
		exactlyOnce: { count: number; dropEvery: number; unavailableEvery: number };
		invoices?: { count: number; pageSize: number };
		export?: {
			contacts: number;
			keyLimit: number;
			keyWindowMs: number;
			tenantBudget: number;
			tenantWindowMs: number;
			binaryMode?: string;
		};
	};
	list: ListRow[];
	/** Return All over invoices (page/pageSize); `skipped` says why our node's rows are missing. */
	invoices?: { rows: ListRow[]; skipped?: string; skippedInN8n?: string };
	rate: RateRow[];
	exactlyOnce: ExactlyOnceRow[];
	exports?: ExportRow[];
	signature: {
		bodyBytes: number;
		iterations: number;
		microsPerDelivery: number;
		batchesMicros: number[];
	};
	/** CPU profile summaries of one extra Return All per contender (raw, ours). */
	profile?: Record<
		string,
		{
			totalMs: number;
			categories: Array<{ category: string; ms: number; share: number }>;
			areas: Array<{ area: string; ms: number; share: number }>;
			functions: Array<{ name: string; area: string; ms: number; share: number }>;
		}
	>;
	problems: string[];
	durationSeconds: number;
}

const NAMES: Record<string, string> = {
	raw: 'raw undici loop (floor)',
	ours: 'BuildWorkPro node',
	oursInN8n: 'BuildWorkPro node in n8n',
	floorInN8n: 'n8n floor node (helper loop) in n8n',
	httpRequest: 'HTTP Request node + Split Out',
};

const fmt = (value: number, digits = 0) =>
	Number.isFinite(value)
		? value.toLocaleString('en-US', {
				maximumFractionDigits: digits,
				minimumFractionDigits: digits,
			})
		: '–';
const mb = (bytes: number) => (Number.isFinite(bytes) ? `${fmt(bytes / 1024 / 1024, 1)} MB` : '–');
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const IN_N8N = new Set<ListRow['contender']>(['httpRequest', 'oursInN8n', 'floorInN8n']);

/** Target for our node in n8n against the floor node in the same n8n. */
export const FLOOR_TARGET = 1.1;

function listTable(what: string, list: ListRow[]): string[] {
	const lines: string[] = [];
	lines.push(
		`| ${what} | contender | time | × raw | × n8n floor | requests | peak RSS growth | ÷ output JSON | heap kept by output ² |`,
	);
	lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of list) {
		const raw = list.find(
			(candidate) => candidate.size === row.size && candidate.contender === 'raw',
		);
		const ours = row.contender === 'ours' || row.contender === 'oursInN8n';
		const ratio = `${fmt(row.ratioToRaw, 2)}×${ours ? ' ' + mark(row.ratioToRaw <= 1.25) : ''}`;
		const toFloor =
			row.contender === 'floorInN8n'
				? '1.00×'
				: row.ratioToFloor !== undefined
					? `${fmt(row.ratioToFloor, 2)}× ${mark(row.ratioToFloor <= FLOOR_TARGET)}`
					: '';
		const requests = `${fmt(row.requests)}${ours && raw ? ' ' + mark(row.requests <= raw.requests) : ''}`;
		const growth = `${fmt(row.growthToOutput, 2)}×${ours ? ' ' + mark(row.growthToOutput <= 2) : ''}`;
		const time = IN_N8N.has(row.contender) ? `${fmt(row.ms)} ms ¹` : `${fmt(row.ms)} ms`;
		const rss = row.contender === 'floorInN8n' ? `${mb(row.growthBytes)} ³` : mb(row.growthBytes);
		lines.push(
			`| ${fmt(row.size)} | ${NAMES[row.contender]} | ${time} | ${ratio} | ${toFloor} | ${requests} | ${rss} | ${growth} | ${mb(row.retainedBytes)} |`,
		);
	}
	return lines;
}

export function renderTable(results: BenchResults): string {
	const lines: string[] = [];
	const n8nNote =
		'version' in results.n8n
			? `n8n ${results.n8n.version}`
			: `HTTP Request node not measured: ${results.n8n.gap}`;
	lines.push(
		`Run ${results.date.slice(0, 16).replace('T', ' ')} UTC, Node ${results.machine.node}, ${results.machine.cpus} shared cores, ${n8nNote}; medians of ${results.config.reps} runs (× raw: median of the per-repetition ratios).`,
	);
	lines.push('');
	lines.push(
		'**1. Return All, rate limits off** (targets for our node: ≤ 1.25× raw time, no more requests than raw, peak RSS growth ≤ 2× output JSON)',
	);
	lines.push('');
	lines.push(...listTable('contacts', results.list));
	const invoiceRows = results.invoices?.rows ?? [];
	const inN8nRows = [...results.list, ...invoiceRows].filter((row) => IN_N8N.has(row.contender));
	if (inN8nRows.length) {
		const who = { oursInN8n: 'ours', floorInN8n: 'floor', httpRequest: 'HTTP Request' } as Record<
			string,
			string
		>;
		const notes = results.list
			.filter((row) => IN_N8N.has(row.contender))
			.map(
				(row) =>
					`${who[row.contender]} ${fmt(row.size)}: execution ${fmt(row.executionMs ?? NaN)} ms, editor round trip ${fmt(row.wallMs ?? NaN)} ms`,
			);
		lines.push('');
		lines.push(
			`¹ Inside a real n8n, one instance for the HTTP Request node and one for our package and the floor node, run over its REST API like the editor's Execute button: time is n8n's own executionTime of the nodes (HTTP Request + Split Out; BuildWorkPro; Floor); memory is the peak RSS growth of n8n's main process in the first run of each size (n8n keeps the heap an execution grew and later runs reuse it; the 10,000 runs come first, so the 100,000 figure is low by what they grew). × n8n floor: median of the per-repetition ratios of our node to the floor node ³, which runs next to it (after it in odd repetitions, before it in even ones) in the same n8n with the same credential (target ≤ ${fmt(FLOOR_TARGET, 1)}×). Before every in-n8n run the bench waits until both n8n processes are idle. The whole execution, saving its data included, took longer (${notes.join('; ')}).`,
		);
	}
	if (inN8nRows.some((row) => row.contender === 'floorInN8n')) {
		lines.push('');
		lines.push(
			"³ The floor node (bench/floor-node, bench only): a loop over n8n's own `httpRequestWithAuthentication('buildWorkProApi', …)`, the credential read once, the same pages as our node, one item per record, no retries, pacing or error mapping; the cheapest Return All anything in n8n can do with n8n's HTTP stack. Its memory is not comparable: it runs in our node's n8n, after our node in the first repetition, in the heap our node's run grew.",
		);
	}
	if (results.profile) {
		lines.push('');
		const describe = (kind: string) => {
			const profile = results.profile![kind];
			return profile
				? `${fmt(profile.totalMs)} ms: ${profile.categories.map((c) => `${c.category} ${fmt(c.ms)}`).join(', ')}`
				: '–';
		};
		lines.push(
			`Where the time goes (one extra profiled run of the largest size, V8 sampling profiler, self time in ms): raw loop ${describe('list-raw')}. BuildWorkPro node ${describe('list-ours')}.`,
		);
	}
	lines.push('');
	const outputs = [
		...results.list
			.filter((row) => row.contender === 'raw')
			.map((row) => `${fmt(row.size)} contacts → ${mb(row.outputJsonBytes)}`),
		...invoiceRows
			.filter((row) => row.contender === 'raw')
			.map((row) => `${fmt(row.size)} invoices → ${mb(row.outputJsonBytes)}`),
	];
	lines.push(
		`² V8 heap still in use right after the run, output alive, after a full GC (output JSON: ${outputs.join(', ')}).`,
	);
	if (results.invoices) {
		const cfg = results.config.invoices;
		lines.push('');
		lines.push(
			`**1b. Return All over ${fmt(cfg?.count ?? NaN)} invoices** (\`GET /invoices\`, page/pageSize pagination, pageSize ${fmt(cfg?.pageSize ?? NaN)}; same targets as above)`,
		);
		lines.push('');
		if (invoiceRows.length) lines.push(...listTable('invoices', invoiceRows));
		if (results.invoices.skipped) {
			lines.push('');
			lines.push(`Our node: **skipped, ${results.invoices.skipped}**.`);
		} else if (results.invoices.skippedInN8n) {
			lines.push('');
			lines.push(`Our node in n8n: not measured, ${results.invoices.skippedInN8n}.`);
		}
	}
	lines.push('');
	const { keyLimit, keyWindowMs, contacts } = results.config.rate;
	const bound = (keyLimit * 100) / (keyWindowMs / 1000);
	lines.push(
		`**2. Return All under the rate limit** (${keyLimit} requests per ${keyWindowMs / 1000} s per key, ${fmt(contacts)} contacts = ${fmt(contacts / 100 / keyLimit, 0)} windows; bound ${fmt(bound)} records/s; target for our node ≥ 90 % of the bound, zero failed executions)`,
	);
	lines.push('');
	lines.push(
		'| contender | setup | records | execution | time | records/s | of bound | 429s | failed executions |',
	);
	lines.push('|---|---|---:|---|---:|---:|---:|---:|---:|');
	for (const row of results.rate) {
		const ours = row.contender === 'ours';
		lines.push(
			`| ${NAMES[row.contender]} | ${row.setup} | ${fmt(row.records)} of ${fmt(row.expected)}${row.records === row.expected ? '' : ' ✗'} | ${row.status}${row.status === 'success' && row.records !== row.expected ? ' (silently incomplete)' : ''} | ${fmt(row.ms / 1000, 1)} s | ${fmt(row.recordsPerSecond)} | ${fmt(row.fractionOfBound * 100)} %${ours ? ' ' + mark(row.fractionOfBound >= 0.9) : ''} | ${fmt(row.responses429)} | ${row.failedExecutions} of ${row.runs}${ours ? ' ' + mark(row.failedExecutions === 0) : ''} |`,
		);
	}
	for (const row of results.rate.filter((candidate) => candidate.pacing)) {
		const p = row.pacing!;
		lines.push('');
		lines.push(
			`Pacing of ${NAMES[row.contender]} (median run): the run's rate includes the first, free window; after it, ${fmt(p.counted - keyLimit)} requests used ${fmt(p.steadyShareOfBound * 100, 1)} % of the bound (target ≥ 97 %). ` +
				'RateLimit-Key-Reset comes in whole seconds, so the node does not sleep for it: it learns the window from its own send times and sends each request as the slot it takes frees up.',
		);
	}
	const failures = results.rate.filter((row) => row.error);
	for (const row of failures)
		lines.push(`\n${NAMES[row.contender]} (${row.setup}) failed: "${row.error?.slice(0, 160)}"`);
	lines.push('');
	const eo = results.config.exactlyOnce;
	lines.push(
		`**3. Exactly-once** (${fmt(eo.count)} creates with Retry On Fail; every ${eo.dropEvery}th POST committed then dropped, every ${eo.unavailableEvery}th answered 503; target for our node: 0 duplicates, 0 missing)`,
	);
	lines.push('');
	lines.push(
		'| contender | stored | duplicates | missing | POSTs sent | faults injected | failed executions | time |',
	);
	lines.push('|---|---:|---:|---:|---:|---|---:|---:|');
	for (const row of results.exactlyOnce) {
		const ours = row.contender === 'ours';
		const faults =
			Object.entries(row.faults)
				.map(([kind, n]) => `${n} ${kind}`)
				.join(', ') || 'none';
		lines.push(
			`| ${row.contender === 'ours' ? 'BuildWorkPro node' : 'HTTP Request node (POST, no Idempotency-Key)'} | ${fmt(row.stored)} | ${fmt(row.duplicates)}${ours ? ' ' + mark(row.duplicates === 0) : ''} | ${fmt(row.missing)}${ours ? ' ' + mark(row.missing === 0) : ''} | ${fmt(row.posts)} | ${faults} | ${row.failedExecutions} | ${fmt(row.ms / 1000, 1)} s |`,
		);
	}
	lines.push('');
	lines.push(
		`**4. Webhook signature verification**: ${fmt(results.signature.microsPerDelivery, 1)} µs per ${fmt(results.signature.bodyBytes)}-byte delivery (median of ${results.signature.batchesMicros.length} batches of ${fmt(results.signature.iterations)}).`,
	);
	const exportConfig = results.config.export;
	if (exportConfig && results.exports?.length) {
		lines.push('');
		lines.push(
			`**5. Return All vs Export** (${fmt(exportConfig.contacts)} contacts, the documented limits scaled 30× down: ${exportConfig.keyLimit} requests per ${exportConfig.keyWindowMs / 1000} s per key, ${fmt(exportConfig.tenantBudget)} units per ${exportConfig.tenantWindowMs / 1000} s per tenant; n8n's binary data in ${exportConfig.binaryMode ?? 'memory'} mode; target for the download: peak RSS growth ≤ 2.5× the file)`,
		);
		lines.push('');
		lines.push(
			'| operation | contacts | time | requests | 429s | peak RSS growth | output | ÷ output |',
		);
		lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
		for (const row of results.exports) {
			const ratio = row.rssGrowth / row.outputBytes;
			const exported = row.contender === 'export';
			lines.push(
				`| ${exported ? 'Contact → Export (CSV, binary)' : 'Contact → Get Many, Return All'} | ${fmt(row.contacts)} | ${fmt(row.ms / 1000, 1)} s | ${fmt(row.requests)} | ${fmt(row.responses429)} | ${fmt(row.rssGrowth / 1e6, 1)} MB | ${fmt(row.outputBytes / 1e6, 1)} MB ${exported ? 'file' : 'JSON'} | ${fmt(ratio, 2)}×${exported ? ' ' + mark(ratio <= 2.5) : ''} |`,
			);
		}
	}
	if (results.problems.length) {
		lines.push('');
		lines.push(`**WRONG results:** ${results.problems.join('; ')}`);
	}
	return lines.join('\n');
}

/** Horizontal bars with a dashed target line per group; written by hand, no chart library. */
export function renderChart(results: BenchResults): string {
	interface Bar {
		label: string;
		value: number;
		text: string;
		ours: boolean;
	}
	interface Group {
		title: string;
		target: number;
		targetLabel: string;
		max: number;
		bars: Bar[];
	}
	const groups: Group[] = [];
	const contenders = [
		...results.list.filter((row) => row.contender !== 'raw').map((row) => ({ row, what: '' })),
		...(results.invoices?.rows ?? [])
			.filter((row) => row.contender !== 'raw')
			.map((row) => ({ row, what: ' inv.' })),
	];
	groups.push({
		title: 'Return All: time ÷ raw loop (lower is better)',
		target: 1.25,
		targetLabel: '1.25× target',
		max: Math.max(2, ...contenders.map(({ row }) => row.ratioToRaw).filter(Number.isFinite)) * 1.1,
		bars: contenders.map(({ row, what }) => ({
			label: `${fmt(row.size)}${what} · ${NAMES[row.contender]}`,
			value: row.ratioToRaw,
			text: `${fmt(row.ratioToRaw, 2)}×`,
			ours: row.contender === 'ours' || row.contender === 'oursInN8n',
		})),
	});
	groups.push({
		title: 'Return All: peak RSS growth ÷ output JSON size',
		target: 2,
		targetLabel: '2× target',
		max:
			Math.max(3, ...results.list.map((row) => row.growthToOutput).filter(Number.isFinite)) * 1.1,
		bars: results.list.map((row) => ({
			label: `${fmt(row.size)} · ${row.contender === 'raw' ? 'raw loop' : NAMES[row.contender]}`,
			value: row.growthToOutput,
			text: `${fmt(row.growthToOutput, 2)}×`,
			ours: row.contender === 'ours' || row.contender === 'oursInN8n',
		})),
	});
	groups.push({
		title: 'Rate-limited Return All: share of the bound (higher is better)',
		target: 0.9,
		targetLabel: '90 % target',
		max:
			Math.max(1.1, ...results.rate.map((row) => row.fractionOfBound).filter(Number.isFinite)) *
			1.05,
		bars: results.rate.map((row) => ({
			label:
				row.contender === 'ours' ? 'BuildWorkPro node' : `HTTP Request · ${row.setup.slice(0, 34)}`,
			value: Number.isFinite(row.fractionOfBound) ? row.fractionOfBound : 0,
			text: `${fmt(row.fractionOfBound * 100)} %${row.failedExecutions ? ' (failed)' : ''}`,
			ours: row.contender === 'ours',
		})),
	});
	groups.push({
		title: 'Exactly-once, 1,000 creates under faults: duplicates + missing',
		target: 0,
		targetLabel: '',
		max: Math.max(10, ...results.exactlyOnce.map((row) => row.duplicates + row.missing)) * 1.1,
		bars: results.exactlyOnce.map((row) => ({
			label: row.contender === 'ours' ? 'BuildWorkPro node' : 'HTTP Request POST',
			value: row.duplicates + row.missing,
			text: `${fmt(row.duplicates)} dup + ${fmt(row.missing)} missing`,
			ours: row.contender === 'ours',
		})),
	});

	const width = 840;
	const labelWidth = 310;
	const barArea = width - labelWidth - 150;
	const barHeight = 18;
	let y = 40;
	const parts: string[] = [];
	const esc = (text: string) =>
		text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	parts.push(
		`<text x="10" y="22" font-size="15" font-weight="bold">n8n-nodes-buildworkpro benchmark · ${esc(results.date.slice(0, 10))}</text>`,
	);
	for (const group of groups) {
		parts.push(
			`<text x="10" y="${y + 12}" font-size="13" font-weight="bold">${esc(group.title)}</text>`,
		);
		y += 22;
		const top = y;
		for (const bar of group.bars) {
			const w = Math.max(1, (Math.min(bar.value, group.max) / group.max) * barArea);
			parts.push(
				`<text x="${labelWidth - 8}" y="${y + 13}" font-size="12" text-anchor="end">${esc(bar.label)}</text>`,
			);
			parts.push(
				`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${bar.ours ? '#2f6fdb' : '#9aa3ad'}"/>`,
			);
			parts.push(
				`<text x="${labelWidth + w + 6}" y="${y + 13}" font-size="12">${esc(bar.text)}</text>`,
			);
			y += barHeight + 6;
		}
		if (group.targetLabel) {
			const x = labelWidth + (group.target / group.max) * barArea;
			parts.push(
				`<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${y - 2}" stroke="#d33" stroke-dasharray="4 3"/>`,
			);
			parts.push(
				`<text x="${x.toFixed(1)}" y="${y + 10}" font-size="10" fill="#d33" text-anchor="middle">${esc(group.targetLabel)}</text>`,
			);
		}
		y += 26;
	}
	parts.push(
		`<text x="10" y="${y}" font-size="11" fill="#555">Blue: BuildWorkPro node; grey: others. Source: bench/results/results.json (npm run bench).</text>`,
	);
	y += 12;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="Helvetica, Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
}
