/**
 * BuildWorkPro's asynchronous jobs, through n8n-core's engine against the sandbox: how the node
 * waits for a job (polling cadence, Retry-After, Max Wait, a cancelled execution, jobs that end
 * badly) and the Job resource (Get, Get Many, Cancel, Download, Get Errors). The cadence is read
 * from the sandbox's request log, the time each look arrived.
 */
import { ExecuteContext, WorkflowExecute } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

const api = sandboxApi(env);

beforeEach(() => {
	env.sandbox.reset();
	env.sandbox.clearRequestLog();
	env.sandbox.clearStorageLog();
});

async function bid() {
	return (await api('POST', '/bids', { name: 'Cedar Park slab' })) as {
		id: number;
		bidNumber: string;
	};
}

/** A job started through the API (a bid's PDF unless told otherwise); the request log is cleared afterwards. */
async function startJob(path?: string, body?: unknown): Promise<string> {
	const started = (await api('POST', path ?? `/bids/${(await bid()).id}/pdf`, body)) as {
		job_id: string;
	};
	env.sandbox.clearRequestLog();
	return started.job_id;
}

/** The looks at one job: when each arrived, in ms after the request that started it. */
function looksAt(startPath: RegExp) {
	const log = apiRequests(env.sandbox);
	const start = log.find((entry) => entry.method === 'POST' && startPath.test(entry.path));
	expect(start).toBeDefined();
	const looks = log.filter(
		(entry) => entry.method === 'GET' && /^\/api\/v1\/jobs\/job_\w+$/.test(entry.path),
	);
	const times = [start!, ...looks].map((entry) => Date.parse(entry.at));
	return { count: looks.length, gaps: times.slice(1).map((time, index) => time - times[index]) };
}

describe('Waiting for a job', () => {
	it('looks after about 1 s, then backs off (2 s, 4 s …), and downloads once the job has succeeded', async () => {
		const { id } = await bid();
		env.sandbox.setJobs({ durationMs: 6_500 });
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
		});

		expect(result.error).toBeUndefined();
		const { count, gaps } = looksAt(/\/bids\/\d+\/pdf$/);
		expect(count).toBe(3);
		const expected = [1_000, 2_000, 4_000];
		gaps.forEach((gap, index) => {
			expect(gap).toBeGreaterThanOrEqual(expected[index] - 50);
			expect(gap).toBeLessThan(expected[index] + 900);
		});
		expect(apiRequests(env.sandbox).at(-1)?.path).toMatch(/\/jobs\/job_\w+\/download$/);
	}, 20_000);

	it("honours BuildWorkPro's Retry-After on the job's status instead of its own backoff", async () => {
		const { id } = await bid();
		env.sandbox.setJobs({ durationMs: 3_500, retryAfterSeconds: 1 });
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
		});

		expect(result.error).toBeUndefined();
		const { count, gaps } = looksAt(/\/bids\/\d+\/pdf$/);
		// Backing off alone would have looked at 1 s, 3 s and 7 s.
		expect(count).toBe(4);
		for (const gap of gaps) {
			expect(gap).toBeGreaterThanOrEqual(950);
			expect(gap).toBeLessThan(1_700);
		}
	}, 20_000);

	it('counts the waiting against Max Wait: past it, fails naming the job so Jobs → Get can pick it up later', async () => {
		const { id } = await bid();
		env.sandbox.setJobs({ durationMs: 60_000 });
		env.sandbox.clearRequestLog();

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
			options: { maxWait: 2 },
		});

		const jobId = /job_\w+/.exec(result.error?.message ?? '')?.[0];
		expect(result.error?.message).toBe(
			`BuildWorkPro job ${jobId} (the PDF of bid ${id}) did not finish within Max Wait (2 s)`,
		);
		expect(result.error?.description).toContain(`Use Jobs → Get with job ID ${jobId}`);
		// A look after 1 s and a last one when the 2 s are spent; no download.
		expect(looksAt(/\/bids\/\d+\/pdf$/).count).toBe(2);
		expect(apiRequests(env.sandbox).some((entry) => entry.path.endsWith('/download'))).toBe(false);

		const later = await runResource(env.sandbox, 'job', { operation: 'get', jobId: jobId! });
		expect(later.json).toEqual([
			expect.objectContaining({ id: jobId, type: 'pdf', status: 'running' }),
		]);
	}, 20_000);

	/**
	 * n8n-core 2.41 runs a declarative node without the execution's cancel signal
	 * (`executeDeclarativeNodeInTest` builds its context without one), so inside n8n itself the
	 * node cannot see a cancellation yet. Here the signal is handed over the way n8n does for
	 * programmatic nodes, to show what the node does once it has it.
	 */
	it('stops waiting when the execution is cancelled, and says which job goes on', async () => {
		const { id } = await bid();
		env.sandbox.setJobs({ durationMs: 60_000 });
		env.sandbox.clearRequestLog();
		const executions: WorkflowExecute[] = [];
		const run = WorkflowExecute.prototype.run;
		const runSpy = jest.spyOn(WorkflowExecute.prototype, 'run').mockImplementation(function (
			this: WorkflowExecute,
			...args: Parameters<typeof run>
		) {
			executions.push(this);
			return run.apply(this, args);
		});
		const signalOf = (execution: WorkflowExecute) =>
			(execution as unknown as { abortController: AbortController }).abortController;
		const signalSpy = jest
			.spyOn(ExecuteContext.prototype, 'getExecutionCancelSignal')
			.mockImplementation(() => signalOf(executions[0]).signal);
		try {
			const started = Date.now();
			const running = runResource(env.sandbox, 'bid', {
				operation: 'downloadPdf',
				bidId: String(id),
			});
			// Cancel between the first look (1 s) and the second (3 s).
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			signalOf(executions[0]).abort();
			const result = await running;

			expect(Date.now() - started).toBeLessThan(2_900);
			expect(result.error?.message).toMatch(
				/^The execution was cancelled while waiting for BuildWorkPro job job_\w+ \(the PDF of bid \d+\)$/,
			);
			expect(result.error?.description).toMatch(/Jobs → Get with job ID job_\w+/);
			expect(looksAt(/\/bids\/\d+\/pdf$/).count).toBe(1);
		} finally {
			runSpy.mockRestore();
			signalSpy.mockRestore();
		}
	}, 20_000);

	it("a partial job is an error with the job's message and its progress", async () => {
		const { id } = await bid();
		env.sandbox.setJobs({ outcome: 'partial' });

		const result = await runResource(env.sandbox, 'bid', {
			operation: 'downloadPdf',
			bidId: String(id),
		});

		expect(result.error?.message).toMatch(
			/^BuildWorkPro job job_\w+ \(the PDF of bid \d+\) finished only partially: .+/,
		);
		expect(result.error?.description).toMatch(/Status: partial · 1 of 1 processed, 1 with errors/);
		expect(result.error?.description).toMatch(/Jobs → Get Errors with job ID job_\w+/);
	});
});

describe('Job resource', () => {
	it('Get outputs one job with its status and progress; an unknown job ID is a 404; an empty one is refused before sending', async () => {
		const jobId = await startJob();

		const got = await runResource(env.sandbox, 'job', { operation: 'get', jobId });
		expect(got.json).toEqual([
			expect.objectContaining({
				id: jobId,
				type: 'pdf',
				resourceType: 'bids',
				status: 'succeeded',
				progress: { processed: 1, total: 1, errorsCount: 0 },
			}),
		]);
		expect(apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /api/v1/jobs/${jobId}`,
		]);

		const missing = await runResource(env.sandbox, 'job', {
			operation: 'get',
			jobId: 'job_000000000000000000000000',
		});
		expect(missing.error?.description).toContain('HTTP status: 404');

		env.sandbox.clearRequestLog();
		const empty = await runResource(env.sandbox, 'job', { operation: 'get', jobId: '  ' });
		expect(empty.error?.message).toBe('Job ID is empty');
		expect(apiRequests(env.sandbox)).toEqual([]);
	});

	it('Get Many lists every job with Return All, at most Limit otherwise, and filters by type and status', async () => {
		const { id } = await bid();
		for (let n = 0; n < 3; n++) await api('POST', `/bids/${id}/pdf`);
		const exportJob = (await api('POST', '/contacts/exports', { filters: {} })) as {
			job_id: string;
		};
		env.sandbox.clearRequestLog();

		const all = await runResource(env.sandbox, 'job', { operation: 'getAll', returnAll: true });
		expect(all.json).toHaveLength(4);
		const limited = await runResource(env.sandbox, 'job', { operation: 'getAll', limit: 2 });
		expect(limited.json).toHaveLength(2);
		expect(apiRequests(env.sandbox).map((entry) => entry.query.limit)).toEqual(['100', '2']);

		const exports = await runResource(env.sandbox, 'job', {
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'export', status: 'succeeded' },
		});
		expect(exports.json).toEqual([
			expect.objectContaining({
				id: exportJob.job_id,
				type: 'export',
				resourceType: 'contacts',
				status: 'succeeded',
			}),
		]);
		expect(apiRequests(env.sandbox).at(-1)?.query).toEqual(
			expect.objectContaining({ type: 'export', status: 'succeeded' }),
		);
	});

	it('Cancel stops a running job; cancelling it again is refused with the 409', async () => {
		env.sandbox.setJobs({ durationMs: 60_000 });
		const jobId = await startJob();

		const cancelled = await runResource(env.sandbox, 'job', { operation: 'cancel', jobId });
		expect(cancelled.json).toEqual([expect.objectContaining({ id: jobId, status: 'cancelled' })]);
		expect(apiRequests(env.sandbox, 'POST')[0].path).toBe(`/api/v1/jobs/${jobId}/cancel`);

		const again = await runResource(env.sandbox, 'job', { operation: 'cancel', jobId });
		expect(again.error?.description).toContain('HTTP status: 409');
		expect(again.error?.message).toMatch(/already ended/);
	});

	it('Delete removes a job: it outputs the job ID with deleted set to true, and Get no longer finds it', async () => {
		const jobId = await startJob();

		const deleted = await runResource(env.sandbox, 'job', { operation: 'delete', jobId });
		expect(deleted.json).toEqual([{ id: jobId, deleted: true }]);
		expect(
			apiRequests(env.sandbox).map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
		).toEqual([`DELETE /api/v1/jobs/${jobId} 204`]);

		const gone = await runResource(env.sandbox, 'job', { operation: 'get', jobId });
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it("Download hands over a finished job's file as binary data, fetched from the storage host without credentials", async () => {
		const jobId = await startJob();

		const result = await runResource(env.sandbox, 'job', {
			operation: 'download',
			jobId,
			binaryPropertyName: 'pdf',
		});

		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary?.pdf as IBinaryData;
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(result.json).toEqual([
			{
				jobId,
				fileName: expect.stringMatching(/^bid-.+\.pdf$/),
				mimeType: 'application/pdf',
				bytes: bytes.length,
			},
		]);
		const seen = env.sandbox.storageLog();
		expect(seen).toEqual([
			expect.objectContaining({ status: 200, authorization: false, credential: false }),
		]);
	});

	it('Download of a job still running is refused with the 409', async () => {
		env.sandbox.setJobs({ durationMs: 60_000 });
		const jobId = await startJob();

		const result = await runResource(env.sandbox, 'job', { operation: 'download', jobId });

		expect(result.error?.description).toContain('HTTP status: 409');
		expect(env.sandbox.storageLog()).toEqual([]);
	});

	it('Get Errors outputs one item per row that failed; a job without row errors is a 404', async () => {
		const contact = (await api('POST', '/contacts', { type: 'customer', firstName: 'Ann' })) as {
			id: number;
		};
		const jobId = await startJob('/contacts/bulk', {
			operation: 'delete',
			ids: [contact.id, 987654],
		});

		const errors = await runResource(env.sandbox, 'job', { operation: 'getErrors', jobId });
		expect(errors.error).toBeUndefined();
		expect(errors.json).toEqual([
			expect.objectContaining({
				row: '2',
				id: '987654',
				code: 'not_found',
				message: expect.any(String),
			}),
		]);
		const seen = env.sandbox.storageLog();
		expect(seen).toEqual([
			expect.objectContaining({ status: 200, authorization: false, credential: false }),
		]);

		const clean = await runResource(env.sandbox, 'job', {
			operation: 'getErrors',
			jobId: await startJob(),
		});
		expect(clean.error?.description).toContain('HTTP status: 404');
	});
});
