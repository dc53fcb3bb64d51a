/**
 * Routes served by jobs (sandbox/jobs.ts): exports, imports, bulk actions and PDFs of each family
 * that has them, and /jobs. A job runs as its caller, the key that created it
 * (sandbox/jobsAdapter.ts hands it back to the routes it replays).
 */
import { costOf } from '../catalog';
import {
	BULK_FAMILIES,
	EXPORT_FAMILIES,
	IMPORT_FAMILIES,
	PDF_FAMILIES,
	type JobAnswer,
	type JobContext,
	type JobService,
} from '../jobs';
import type { RequestContext, RouteEntry } from '../route';
import type { SandboxKey } from '../types';

/** Who started a job (its work runs as them). */
export interface JobCaller {
	key: SandboxKey;
	keyId: number;
}

const scopeOf = (family: string) => family.replace(/-/g, '_');

const jobContext = (ctx: RequestContext): JobContext => ({
	requestId: ctx.requestId,
	tenantId: ctx.tenantId,
	caller: { key: ctx.key, keyId: ctx.keyId } satisfies JobCaller,
	body: ctx.body,
	query: ctx.query,
	id: ctx.id,
	texts: ctx.texts,
});

/** A route entry whose cost is its documented cost class (catalog.costOf). */
function jobRoute(
	method: string,
	path: string,
	scopes: string[],
	run: (jobs: JobService, ctx: JobContext) => JobAnswer,
): RouteEntry {
	const textParams = path.startsWith('/jobs/{id}') ? ['id'] : undefined;
	return {
		method,
		path,
		scopes,
		cost: costOf(method, path),
		...(textParams && { textParams }),
		handler: ({ jobs }, ctx) => run(jobs, jobContext(ctx)),
	};
}

export const JOB_ROUTES: readonly RouteEntry[] = [
	...EXPORT_FAMILIES.map((f) =>
		jobRoute('POST', `/${f}/exports`, [`${scopeOf(f)}:read`, 'jobs:write'], (jobs, ctx) =>
			jobs.enqueueExport(ctx, f),
		),
	),
	...IMPORT_FAMILIES.map((f) =>
		jobRoute('POST', `/${f}/imports`, [`${scopeOf(f)}:write`, 'jobs:write'], (jobs, ctx) =>
			jobs.enqueueImport(ctx, f),
		),
	),
	...BULK_FAMILIES.map((f) =>
		jobRoute('POST', `/${f}/bulk`, [`${scopeOf(f)}:delete`, 'jobs:write'], (jobs, ctx) =>
			jobs.enqueueBulk(ctx, f),
		),
	),
	...PDF_FAMILIES.map((f) =>
		jobRoute('POST', `/${f}/{id}/pdf`, [`${scopeOf(f)}:read`, 'jobs:write'], (jobs, ctx) =>
			jobs.enqueuePdf(ctx, f),
		),
	),
	jobRoute('GET', '/invoices/{id}/pdf', ['invoices:read'], (jobs, ctx) => jobs.invoicePdf(ctx)),
	jobRoute('GET', '/jobs', ['jobs:read'], (jobs, ctx) => jobs.list(ctx)),
	jobRoute('POST', '/jobs/uploads', ['jobs:write'], (jobs, ctx) => jobs.createUpload(ctx)),
	jobRoute('GET', '/jobs/{id}', ['jobs:read'], (jobs, ctx) => jobs.answerJob(ctx, jobs.find(ctx))),
	jobRoute('DELETE', '/jobs/{id}', ['jobs:write'], (jobs, ctx) => jobs.remove(jobs.find(ctx))),
	jobRoute('POST', '/jobs/{id}/cancel', ['jobs:write'], (jobs, ctx) =>
		jobs.cancel(ctx, jobs.find(ctx)),
	),
	jobRoute('GET', '/jobs/{id}/download', ['jobs:read'], (jobs, ctx) =>
		jobs.download(jobs.find(ctx)),
	),
	jobRoute('GET', '/jobs/{id}/errors', ['jobs:read'], (jobs, ctx) => jobs.errorsOf(jobs.find(ctx))),
];
