import type { IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { nodeSideError } from '../../shared/errors';
import { isPlainObject } from '../../shared/objects';
import { itemIndexOf } from '../../shared/transport/context';
import type { TransportContext } from '../../shared/transport/context';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport/request';
import { retryAfterMs } from '../../shared/transport/retryPolicy';
import { openSession } from '../../shared/transport/session';
import type { RequestSession } from '../../shared/transport/session';
import { sleepUnlessCancelled } from '../../shared/transport/wait';

/**
 * BuildWorkPro's asynchronous jobs (PDFs, exports, imports, bulk actions): a POST answers 202
 * with `{ job_id, status_url }`, and the job is polled at `GET /jobs/{id}` until it ends. The
 * polling here is polite: the first look after about a second, then less and less often up to
 * one look every ten seconds, sooner or later when BuildWorkPro's `Retry-After` says so, and
 * never longer in all than the Max Wait option.
 */

/** The first look at a new job. */
export const FIRST_POLL_MS = 1_000;
/** Polling slows down to at most one look per this long (unless BuildWorkPro asks for longer). */
export const POLL_CAP_MS = 10_000;

/** Statuses after which a job changes no more. */
const FINAL_STATUSES = new Set([
	'succeeded',
	'partial',
	'failed',
	'cancelled',
	'canceled',
	'expired',
]);
/** Final statuses that are no success: the node fails with the job's own explanation. */
const UNSUCCESSFUL_STATUSES = new Set(['partial', 'failed', 'cancelled', 'canceled', 'expired']);

/** What a job-starting POST answers (`202`): which job, and where its status is. */
export interface JobHandle {
	jobId: string;
	statusUrl?: string;
}

/** The wait before look number `pollNumber` (1 = the first): 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function pollDelayMs(pollNumber: number): number {
	return Math.min(POLL_CAP_MS, FIRST_POLL_MS * 2 ** Math.max(0, pollNumber - 1));
}

/** The job a 202 answer names; `job_id` per the docs, `id` accepted too. */
export function jobHandleFrom(
	context: Pick<TransportContext, 'getNode' | 'getItemIndex'>,
	body: unknown,
): JobHandle {
	const data = unwrapEnvelope(body);
	const record = isPlainObject(data) ? data : {};
	const id = record.job_id ?? record.jobId ?? record.id;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw nodeSideError(
			context.getNode(),
			'BuildWorkPro accepted the request but named no job to follow',
			{
				itemIndex: itemIndexOf(context),
				description:
					'Expected a job ID (job_id) in the answer. Look for the job with Jobs → Get Many.',
			},
		);
	}
	const statusUrl = record.status_url ?? record.statusUrl;
	return { jobId: String(id), ...(typeof statusUrl === 'string' ? { statusUrl } : {}) };
}

/** `/jobs/{id}` with the id made safe for a path. */
export function jobPath(jobId: string, segment?: string): string {
	return `/jobs/${encodeURIComponent(jobId)}${segment ? `/${segment}` : ''}`;
}

export interface WaitOptions {
	/** n8n's request settings for BuildWorkPro (proxy, SSL) passed on to every look. */
	passthrough?: Partial<IHttpRequestOptions>;
	/** What the job does, for messages: "the PDF of bid 12". */
	what?: string;
	/** Return a job that ended without succeeding instead of throwing (the caller reads its row errors first). */
	returnUnsuccessful?: boolean;
}

function progressText(job: IDataObject): string | undefined {
	const progress = isPlainObject(job.progress) ? job.progress : undefined;
	if (!progress) return undefined;
	const parts = [`${Number(progress.processed ?? 0)} of ${Number(progress.total ?? 0)} processed`];
	if (Number(progress.errorsCount ?? 0) > 0)
		parts.push(`${Number(progress.errorsCount)} with errors`);
	return parts.join(', ');
}

/**
 * Polls the job until it ends and returns it. A job that failed, finished partially, was
 * cancelled or expired is an error carrying BuildWorkPro's `errorMessage`; a job still running
 * when Max Wait is spent is an error naming the job, so the user can look it up later.
 */
export async function waitForJob(
	context: TransportContext,
	jobId: string,
	session?: RequestSession,
	options: WaitOptions = {},
): Promise<IDataObject> {
	const node = context.getNode();
	const itemIndex = itemIndexOf(context);
	const ownSession = session ?? (await openSession(context));
	const budgetMs = ownSession.waitBudgetMs;
	const what = options.what ? ` (${options.what})` : '';
	let waitedMs = 0;
	let nextWaitMs = pollDelayMs(1);
	for (let pollNumber = 1; ; pollNumber++) {
		if (pollNumber > 1 && waitedMs >= budgetMs) {
			const seconds = Math.round(budgetMs / 1000);
			throw nodeSideError(
				node,
				`BuildWorkPro job ${jobId}${what} did not finish within Max Wait (${seconds} s)`,
				{
					itemIndex,
					description: `The job goes on in BuildWorkPro. Use Jobs → Get with job ID ${jobId} to check on it later (Jobs → Download fetches its file once it has succeeded), or raise the Max Wait option.`,
				},
			);
		}
		// The last look comes when Max Wait is spent, not after it.
		const waitMs = Math.min(nextWaitMs, budgetMs - waitedMs);
		const cancelled = await sleepUnlessCancelled(context, waitMs).then(
			() => false,
			() => true,
		);
		if (cancelled) {
			throw nodeSideError(
				node,
				`The execution was cancelled while waiting for BuildWorkPro job ${jobId}${what}`,
				{
					itemIndex,
					description: `The node stopped polling; the job itself goes on in BuildWorkPro. Jobs → Get with job ID ${jobId} shows how it ended, and Jobs → Cancel stops it.`,
				},
			);
		}
		waitedMs += waitMs;

		const answer = await requestBuildWorkPro(
			context,
			{
				method: 'GET',
				url: jobPath(jobId),
				note: `While checking on BuildWorkPro job ${jobId}${what}.`,
				passthrough: options.passthrough,
			},
			ownSession,
		);
		const job = unwrapEnvelope(answer.body);
		if (!isPlainObject(job)) {
			throw nodeSideError(node, `BuildWorkPro's answer about job ${jobId} was not a job`, {
				itemIndex,
				description: 'Expected a JSON body with the job in "data".',
			});
		}
		const status = String(job.status ?? '').toLowerCase();
		if (FINAL_STATUSES.has(status)) {
			if (UNSUCCESSFUL_STATUSES.has(status) && !options.returnUnsuccessful)
				throw unsuccessfulJobError(context, job as IDataObject, options.what);
			return job as IDataObject;
		}
		nextWaitMs = retryAfterMs(answer.headers) ?? pollDelayMs(pollNumber + 1);
	}
}

/** The error for a job that ended without succeeding: BuildWorkPro's explanation first. */
export function unsuccessfulJobError(
	context: Pick<TransportContext, 'getNode' | 'getItemIndex'>,
	job: IDataObject,
	what?: string,
) {
	const jobId = String(job.id ?? '');
	const status = String(job.status ?? '');
	const explanation =
		typeof job.errorMessage === 'string' && job.errorMessage.trim() !== ''
			? job.errorMessage.trim()
			: undefined;
	const ending =
		status === 'partial'
			? 'finished only partially'
			: status === 'failed'
				? 'failed'
				: status === 'expired'
					? 'expired'
					: 'was cancelled';
	const message = `BuildWorkPro job ${jobId}${what ? ` (${what})` : ''} ${ending}${explanation ? `: ${explanation}` : ''}`;
	const progress = progressText(job);
	const description = [
		`Job ID: ${jobId} · Status: ${status}${progress ? ` · ${progress}` : ''}`,
		status === 'partial' || status === 'failed'
			? `Jobs → Get Errors with job ID ${jobId} lists the rows that failed, where BuildWorkPro recorded any.`
			: undefined,
	]
		.filter((line): line is string => !!line)
		.join('\n');
	return nodeSideError(context.getNode(), message, {
		itemIndex: itemIndexOf(context),
		description,
	});
}

/** `Wait for Completion` of a job-based operation (default on). */
export function shouldWaitForCompletion(
	context: Pick<TransportContext, 'getNodeParameter'>,
): boolean {
	return context.getNodeParameter('waitForCompletion', true) !== false;
}

/** The `Wait for Completion` parameter of every job-based operation. */
export function waitForCompletionProperty(what: string): INodeProperties {
	return {
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: `Whether to wait until BuildWorkPro has finished ${what}, checking on the job every 1 to 10 seconds for at most Max Wait (Options). When off, the node outputs the job ID and status URL at once; Jobs → Get checks on it later.`,
	};
}
