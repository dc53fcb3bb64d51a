/**
 * Asynchronous jobs: CSV exports, CSV imports, bulk delete/restore and PDF rendering, with the
 * routes of /jobs (list, get, delete, cancel, download, errors) and signed CSV uploads.
 *
 * A job is created by POST /<family>/exports|imports|bulk or POST /<family>/{id}/pdf, which answer
 * `202 {data: {job_id, status_url}}`. It is `queued`, then `running` (progress rises with time),
 * then ends `succeeded`, `partial` (some rows failed), `failed` (`errorMessage` says why) or
 * `cancelled`. Its work runs when it ends, after the configured duration (0 = at once, before the
 * 202 is sent). Artifacts (the export CSV, the PDF, the row-errors CSV) live on the storage
 * listener; /jobs/{id}/download and /jobs/{id}/errors redirect (302) to short-lived signed URLs.
 *
 * Where the docs leave a choice open, the sandbox decides (see docs/sandbox.md):
 * - Job ids are `job_` + 24 hex digits; `status_url` is the path `/api/v1/jobs/{id}`.
 * - Row errors (import rows, bulk ids) carry the 1-based data row number (the header row is not
 *   counted) or the position of the id in `ids`; the errors CSV has the columns
 *   row,id,field,code,message.
 * - Retry-After on a job that has not ended is sent only when the job control sets
 *   `retryAfterSeconds` (the docs do not mention it).
 * - An import CSV's values are strings: empty cells are left out, integer and boolean fields are
 *   converted, JSON fields parsed when they are JSON. An empty `mapping` maps every column named
 *   like a writable field to that field. With `updateInPlace`, a row whose `id` column names an
 *   existing record updates it (PATCH rules), other rows create records (POST rules).
 * - A missing record for POST /<family>/{id}/pdf answers 404 before any job is made.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, badRequest, notFound, validationFailed, type FieldError } from './problems';
import { filterFingerprint, type CursorCodec } from './cursor';
import { pageOf } from './keyset';
import { FileBody, type StorageService } from './storage';
import { CsvParseError, parseCsv, toCsv, type CsvTable } from './csv';
import { renderPdf, type PdfContent } from './pdf';
import type { JobConfig } from './types';

export const JOB_STATUSES = [
	'queued',
	'running',
	'succeeded',
	'partial',
	'failed',
	'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type JobType = 'export' | 'import' | 'bulk' | 'pdf';
export const JOB_TYPES: readonly JobType[] = ['export', 'import', 'bulk', 'pdf'];

export const EXPORT_FAMILIES = [
	'contacts',
	'leads',
	'projects',
	'bids',
	'pay-apps',
	'change-orders',
	'site-logs',
	'time-entries',
	'products',
	'documents',
] as const;
export const IMPORT_FAMILIES = [
	'contacts',
	'leads',
	'projects',
	'site-logs',
	'time-entries',
	'products',
] as const;
export const BULK_FAMILIES = EXPORT_FAMILIES;
export const PDF_FAMILIES = ['bids', 'pay-apps', 'change-orders'] as const;
export const MAX_BULK_IDS = 500;

export const DEFAULT_JOB_CONFIG: JobConfig = {
	durationMs: 0,
	outcome: 'auto',
	errorMessage: null,
	retryAfterSeconds: null,
	signedUrlTtlSeconds: 300,
};

const OUTCOMES = ['auto', 'succeeded', 'partial', 'failed'] as const;

export function checkJobConfig(
	current: JobConfig,
	patch: Partial<JobConfig> | undefined,
): JobConfig {
	const next = { ...current };
	for (const name of Object.keys(DEFAULT_JOB_CONFIG) as Array<keyof JobConfig>) {
		if (patch && patch[name] !== undefined) (next as Record<string, unknown>)[name] = patch[name];
	}
	const isInt = (v: unknown, min: number, max: number) =>
		typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
	if (!isInt(next.durationMs, 0, 3_600_000))
		throw new Error('durationMs must be an integer from 0 to 3,600,000.');
	if (!OUTCOMES.includes(next.outcome))
		throw new Error(`outcome must be one of: ${OUTCOMES.join(', ')}.`);
	if (next.errorMessage !== null && typeof next.errorMessage !== 'string')
		throw new Error('errorMessage must be a string or null.');
	if (next.retryAfterSeconds !== null && !isInt(next.retryAfterSeconds, 0, 3600))
		throw new Error('retryAfterSeconds must be an integer from 0 to 3600, or null.');
	if (!isInt(next.signedUrlTtlSeconds, 1, 7 * 86_400))
		throw new Error('signedUrlTtlSeconds must be an integer from 1 to 604,800.');
	return next;
}

/** A field an import may set, with the type its CSV text is converted to. */
export interface ImportField {
	name: string;
	type: string;
}

/** What jobs need from the rest of the sandbox (implemented by sandbox/jobsAdapter.ts). */
export interface JobData {
	/**
	 * Export columns and the matching records (ascending id), taken when the job is created and
	 * presented (as the API answers them) only when the CSV is written. Throws ApiError (400) for a bad filter.
	 */
	exportRecords(tenantId: number, family: string, filters: Record<string, string>): ExportSnapshot;
	/** Fields an import may set (create or update). */
	importFields(family: string): ImportField[];
	/** Creates (or, with an id, updates) a record through the same validation as POST (PATCH). Throws ApiError. */
	importRecord(
		job: JobOwner,
		family: string,
		values: Record<string, unknown>,
		id?: number,
	): 'created' | 'updated';
	/** Deletes or restores one record. Throws ApiError (404 for an unknown id, 409 when the record cannot be deleted). */
	bulk(job: JobOwner, family: string, operation: 'delete' | 'restore', id: number): void;
	/** The PDF of a record; throws 404. */
	pdfSource(tenantId: number, family: string, id: number): PdfContent & { fileName: string };
}

export interface ExportSnapshot {
	columns: string[];
	count: number;
	records(): Iterable<Record<string, unknown>>;
}

/** Who created a job: its work runs with that key. */
export interface JobOwner {
	tenantId: number;
	/** The caller (API key or OAuth grant) as the pipeline knows it; opaque here, handed back to JobData. */
	caller: unknown;
}

export interface JobContext {
	requestId: string;
	tenantId: number;
	caller: unknown;
	body: unknown;
	query: Record<string, string>;
	id: number;
	texts: Record<string, string>;
}

export interface JobAnswer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface RowError {
	row: number;
	id: number | null;
	field: string | null;
	code: string;
	message: string;
}

interface StoredJob {
	seq: number;
	id: string;
	tenantId: number;
	caller: unknown;
	type: JobType;
	resourceType: string;
	params: unknown;
	createdMs: number;
	durationMs: number;
	outcome: JobConfig['outcome'];
	forcedMessage: string | null;
	/** null until the job ended. */
	final: 'succeeded' | 'partial' | 'failed' | 'cancelled' | null;
	completedMs: number | null;
	total: number;
	processed: number;
	errors: RowError[];
	result: unknown;
	errorMessage: string | null;
	artifactKey: string | null;
	errorsKey: string | null;
	deleted: boolean;
	timer: NodeJS.Timeout | null;
	/** Runs the job's work; returns the result (row errors are pushed to `errors`). */
	work: (job: StoredJob) => unknown;
}

const ARTIFACT_TTL_MS = 24 * 3_600_000;
const isoOf = (ms: number) => new Date(ms).toISOString();

export class JobService {
	private jobs = new Map<string, StoredJob>();
	private bySeq = new Map<number, StoredJob>();
	/** Live job seqs per tenant, ascending. */
	private tenantSeqs = new Map<number, number[]>();
	private uploads = new Map<string, string>();
	private seq = 0;
	config: JobConfig = { ...DEFAULT_JOB_CONFIG };

	constructor(
		private readonly storage: StorageService,
		private readonly cursors: CursorCodec,
		private readonly data: JobData,
	) {}

	configure(patch: Partial<JobConfig> | undefined): JobConfig {
		this.config = checkJobConfig(this.config, patch);
		return { ...this.config };
	}

	reset(): void {
		for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
		this.jobs.clear();
		this.bySeq.clear();
		this.tenantSeqs.clear();
		this.uploads.clear();
		this.config = { ...DEFAULT_JOB_CONFIG };
	}

	close(): void {
		for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
	}

	/** Every job (deleted ones included) as answered, for the test controls. */
	rawJobs(
		tenantId?: number,
	): Array<
		Record<string, unknown> & { tenantId: number; deleted: boolean; rowErrors: RowError[] }
	> {
		return [...this.jobs.values()]
			.filter((j) => tenantId === undefined || j.tenantId === tenantId)
			.map((j) => ({
				...this.present(j),
				tenantId: j.tenantId,
				deleted: j.deleted,
				rowErrors: j.errors.map((e) => ({ ...e })),
			}));
	}

	// ---- creation -------------------------------------------------------------------------------

	private enqueue(
		ctx: JobContext,
		type: JobType,
		resourceType: string,
		params: unknown,
		total: number,
		work: StoredJob['work'],
	): JobAnswer {
		const now = Date.now();
		const job: StoredJob = {
			seq: ++this.seq,
			id: `job_${randomBytes(12).toString('hex')}`,
			tenantId: ctx.tenantId,
			caller: ctx.caller,
			type,
			resourceType,
			params,
			createdMs: now,
			durationMs: this.config.durationMs,
			outcome: this.config.outcome,
			forcedMessage: this.config.errorMessage,
			final: null,
			completedMs: null,
			total,
			processed: 0,
			errors: [],
			result: null,
			errorMessage: null,
			artifactKey: null,
			errorsKey: null,
			deleted: false,
			timer: null,
			work,
		};
		this.jobs.set(job.id, job);
		this.bySeq.set(job.seq, job);
		let seqs = this.tenantSeqs.get(job.tenantId);
		if (!seqs) this.tenantSeqs.set(job.tenantId, (seqs = []));
		seqs.push(job.seq);
		if (job.durationMs === 0) this.complete(job);
		else {
			job.timer = setTimeout(() => this.complete(job), job.durationMs);
			// A long job must not keep a test process alive.
			job.timer.unref();
		}
		return {
			status: 202,
			body: {
				data: { job_id: job.id, status_url: `/api/v1/jobs/${job.id}` },
				meta: { request_id: ctx.requestId },
			},
		};
	}

	private complete(job: StoredJob): void {
		job.timer = null;
		if (job.final) return;
		const end = (final: NonNullable<StoredJob['final']>, message: string | null) => {
			job.final = final;
			job.errorMessage = message;
			job.completedMs = Math.max(Date.now(), job.createdMs + job.durationMs);
			job.work = () => null;
		};
		if (job.outcome === 'failed')
			return end(
				'failed',
				job.forcedMessage ?? 'The job failed (forced by the sandbox job control).',
			);
		try {
			job.result = job.work(job);
		} catch (err) {
			if (err instanceof ApiError) return end('failed', err.message);
			if (err instanceof CsvParseError)
				return end('failed', `The CSV could not be parsed: ${err.message}`);
			console.error('[sandbox] job failed unexpectedly', err);
			return end('failed', 'The job hit an unexpected error.');
		}
		job.processed = job.total;
		if (job.errors.length) {
			const key = `tenants/${job.tenantId}/jobs/${job.id}/${job.id}-errors.csv`;
			this.storage.put(key, {
				bytes: toCsv(
					['row', 'id', 'field', 'code', 'message'],
					job.errors as unknown as Array<Record<string, unknown>>,
				),
				contentType: 'text/csv; charset=utf-8',
				fileName: `${job.id}-errors.csv`,
			});
			job.errorsKey = key;
		}
		const failedUnits = job.errors.length;
		const rowsFailed = new Set(job.errors.map((e) => e.row)).size;
		if (!failedUnits) return end('succeeded', null);
		const unit = job.type === 'bulk' ? 'ids' : 'rows';
		if (
			(job.type === 'import' || job.type === 'bulk') &&
			job.total > 0 &&
			rowsFailed >= job.total
		) {
			return end(
				'failed',
				`All ${job.total} ${unit} failed; the row errors are at /api/v1/jobs/${job.id}/errors.`,
			);
		}
		return end(
			'partial',
			`${rowsFailed} of ${job.total} ${unit} failed; the row errors are at /api/v1/jobs/${job.id}/errors.`,
		);
	}

	/** Stores an artifact of a job (export CSV, PDF). */
	private saveArtifact(job: StoredJob, bytes: Buffer, contentType: string, fileName: string): void {
		const key = `tenants/${job.tenantId}/jobs/${job.id}/${fileName}`;
		this.storage.put(key, { bytes, contentType, fileName });
		job.artifactKey = key;
	}

	/** With the 'partial' outcome, the last unit is rejected instead of processed. */
	private forcedReject(job: StoredJob, index: number): boolean {
		return job.outcome === 'partial' && index === job.total - 1;
	}

	private forcedRowError(row: number, id: number | null): RowError {
		return {
			row,
			id,
			field: null,
			code: 'rejected',
			message: 'Rejected by the sandbox job control (outcome "partial").',
		};
	}

	enqueueExport(ctx: JobContext, family: string): JobAnswer {
		const body = objectBody(ctx.body);
		const rawFilters = body.filters;
		if (
			rawFilters !== undefined &&
			rawFilters !== null &&
			(typeof rawFilters !== 'object' || Array.isArray(rawFilters))
		) {
			throw validationFailed([
				{
					field: 'filters',
					code: 'invalid_type',
					message: 'filters must be an object of list filters.',
				},
			]);
		}
		const filters: Record<string, string> = {};
		for (const [name, value] of Object.entries((rawFilters ?? {}) as Record<string, unknown>)) {
			if (value === undefined || value === null || value === '') continue;
			filters[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
		// The records are taken when the job is created; a bad filter fails the job (openapi lists no 400).
		let snapshot: ReturnType<JobData['exportRecords']> | null = null;
		let problem: ApiError | null = null;
		try {
			snapshot = this.data.exportRecords(ctx.tenantId, family, filters);
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			problem = err;
		}
		return this.enqueue(ctx, 'export', family, { filters }, snapshot?.count ?? 0, (job) => {
			if (problem) throw problem;
			const { columns, count, records } = snapshot!;
			snapshot = null;
			const bytes = toCsv(columns, records());
			const fileName = `${family}-export-${isoOf(job.createdMs).slice(0, 10)}.csv`;
			this.saveArtifact(job, bytes, 'text/csv; charset=utf-8', fileName);
			if (job.outcome === 'partial') job.errors.push(this.forcedRowError(Math.max(count, 1), null));
			return { rowCount: count, fileName, contentType: 'text/csv', byteSize: bytes.length };
		});
	}

	enqueuePdf(ctx: JobContext, family: string): JobAnswer {
		objectBody(ctx.body);
		const source = this.data.pdfSource(ctx.tenantId, family, ctx.id);
		return this.enqueue(ctx, 'pdf', family, { id: ctx.id }, 1, (job) => {
			const bytes = renderPdf(source);
			this.saveArtifact(job, bytes, 'application/pdf', source.fileName);
			if (job.outcome === 'partial') job.errors.push(this.forcedRowError(1, ctx.id));
			return {
				recordId: ctx.id,
				fileName: source.fileName,
				contentType: 'application/pdf',
				byteSize: bytes.length,
			};
		});
	}

	invoicePdf(ctx: JobContext): JobAnswer {
		const source = this.data.pdfSource(ctx.tenantId, 'invoices', ctx.id);
		return {
			status: 200,
			body: new FileBody(renderPdf(source), 'application/pdf', source.fileName),
		};
	}

	enqueueBulk(ctx: JobContext, family: string): JobAnswer {
		const body = objectBody(ctx.body);
		const errors: FieldError[] = [];
		if (body.operation === undefined)
			errors.push({ field: 'operation', code: 'required', message: 'operation is required.' });
		else if (body.operation !== 'delete' && body.operation !== 'restore')
			errors.push({
				field: 'operation',
				code: 'invalid_enum',
				message: 'operation must be one of: delete, restore.',
			});
		const ids = body.ids;
		if (ids === undefined)
			errors.push({ field: 'ids', code: 'required', message: 'ids is required.' });
		else if (!Array.isArray(ids))
			errors.push({
				field: 'ids',
				code: 'invalid_type',
				message: 'ids must be an array of positive integers.',
			});
		else if (ids.length < 1 || ids.length > MAX_BULK_IDS)
			errors.push({
				field: 'ids',
				code: 'invalid_length',
				message: `ids must hold 1 to ${MAX_BULK_IDS} ids.`,
			});
		else if (!ids.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0))
			errors.push({
				field: 'ids',
				code: 'invalid_type',
				message: 'Every id must be a positive integer.',
			});
		if (errors.length) throw validationFailed(errors);
		const operation = body.operation as 'delete' | 'restore';
		const unique = [...new Set(ids as number[])];
		return this.enqueue(ctx, 'bulk', family, { operation, ids: unique }, unique.length, (job) => {
			let succeeded = 0;
			unique.forEach((id, index) => {
				if (this.forcedReject(job, index))
					return void job.errors.push(this.forcedRowError(index + 1, id));
				try {
					this.data.bulk(job, family, operation, id);
					succeeded++;
				} catch (err) {
					job.errors.push(rowErrorOf(err, index + 1, id)[0]);
				}
			});
			return { operation, total: unique.length, succeeded, failed: unique.length - succeeded };
		});
	}

	enqueueImport(ctx: JobContext, family: string): JobAnswer {
		const body = objectBody(ctx.body);
		const errors: FieldError[] = [];
		const { sourcePath, mapping, updateInPlace } = body;
		let key: string | undefined;
		if (sourcePath === undefined)
			errors.push({ field: 'sourcePath', code: 'required', message: 'sourcePath is required.' });
		else if (typeof sourcePath !== 'string')
			errors.push({
				field: 'sourcePath',
				code: 'invalid_type',
				message: 'sourcePath must be a string.',
			});
		else {
			key = this.uploads.get(`${ctx.tenantId}\u0000${sourcePath}`);
			if (!key)
				errors.push({
					field: 'sourcePath',
					code: 'not_found',
					message: 'sourcePath is not an upload of this tenant: get one from POST /jobs/uploads.',
				});
			else if (!this.storage.has(key))
				errors.push({
					field: 'sourcePath',
					code: 'not_uploaded',
					message:
						'Nothing was uploaded to this sourcePath yet: PUT the CSV to its uploadUrl first.',
				});
		}
		const fields = this.data.importFields(family);
		const writable = new Map(fields.map((f) => [f.name, f]));
		if (mapping === undefined)
			errors.push({
				field: 'mapping',
				code: 'required',
				message: 'mapping is required (an empty object maps columns named like fields).',
			});
		else if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping))
			errors.push({
				field: 'mapping',
				code: 'invalid_type',
				message: 'mapping must be an object of {csvColumn: apiField}.',
			});
		else {
			for (const [column, target] of Object.entries(mapping)) {
				if (typeof target !== 'string')
					errors.push({
						field: `mapping.${column}`,
						code: 'invalid_type',
						message: `mapping.${column} must be a field name.`,
					});
				else if (target !== 'id' && !writable.has(target)) {
					errors.push({
						field: `mapping.${column}`,
						code: 'invalid_enum',
						message: `mapping.${column}: ${target} is not a field an import can set (${[...writable.keys()].join(', ')}).`,
					});
				}
			}
		}
		if (updateInPlace !== undefined && typeof updateInPlace !== 'boolean')
			errors.push({
				field: 'updateInPlace',
				code: 'invalid_type',
				message: 'updateInPlace must be a boolean.',
			});
		if (errors.length) throw validationFailed(errors);

		let table: CsvTable | null = null;
		let parseError: CsvParseError | null = null;
		try {
			table = parseCsv(this.storage.get(key!)!.bytes.toString('utf8'));
		} catch (err) {
			if (!(err instanceof CsvParseError)) throw err;
			parseError = err;
		}
		const given = mapping as Record<string, string>;
		const inPlace = updateInPlace === true;
		const pairs: Array<[string, string]> = Object.keys(given).length
			? Object.entries(given)
			: (table?.header ?? [])
					.filter((h) => writable.has(h) || (inPlace && h === 'id'))
					.map((h) => [h, h]);
		const params = { sourcePath, mapping: given, updateInPlace: inPlace };
		return this.enqueue(ctx, 'import', family, params, table?.records.length ?? 0, (job) => {
			if (parseError) throw parseError;
			const records = table!.records;
			table = null;
			let created = 0;
			let updated = 0;
			records.forEach((record, index) => {
				if (this.forcedReject(job, index))
					return void job.errors.push(this.forcedRowError(record.row, null));
				const values: Record<string, unknown> = {};
				let id: number | undefined;
				for (const [column, target] of pairs) {
					const raw = record.values[column];
					if (raw === undefined || raw === '') continue;
					if (target === 'id') {
						if (inPlace && /^[1-9]\d{0,14}$/.test(raw.trim())) id = Number(raw.trim());
						continue;
					}
					values[target] = fromCsv(raw, writable.get(target)!.type);
				}
				try {
					if (this.data.importRecord(job, family, values, id) === 'created') created++;
					else updated++;
				} catch (err) {
					job.errors.push(...rowErrorOf(err, record.row, id ?? null));
				}
			});
			const failed = new Set(job.errors.map((e) => e.row)).size;
			return { total: records.length, created, updated, failed };
		});
	}

	createUpload(ctx: JobContext): JobAnswer {
		const body = objectBody(ctx.body);
		if (body.contentType !== undefined && body.contentType !== 'text/csv') {
			throw validationFailed([
				{ field: 'contentType', code: 'invalid_enum', message: 'contentType must be text/csv.' },
			]);
		}
		const name = randomBytes(16).toString('hex');
		const sourcePath = `uploads/${name}.csv`;
		const key = `tenants/${ctx.tenantId}/${sourcePath}`;
		this.uploads.set(`${ctx.tenantId}\u0000${sourcePath}`, key);
		const ttl = this.config.signedUrlTtlSeconds;
		return {
			status: 200,
			body: {
				data: {
					uploadUrl: this.storage.signedUrl('PUT', key, ttl),
					sourcePath,
					expiresInSeconds: ttl,
				},
				meta: { request_id: ctx.requestId },
			},
		};
	}

	// ---- reading and managing jobs --------------------------------------------------------------

	find(ctx: JobContext): StoredJob {
		const job = this.jobs.get(ctx.texts.id ?? '');
		if (!job || job.deleted || job.tenantId !== ctx.tenantId)
			throw notFound(`Job ${ctx.texts.id} not found.`);
		return job;
	}

	statusOf(job: StoredJob, now = Date.now()): JobStatus {
		if (job.final) return job.final;
		return now - job.createdMs < this.queuedFor(job) ? 'queued' : 'running';
	}

	private queuedFor(job: StoredJob): number {
		return Math.min(job.durationMs * 0.2, 1000);
	}

	present(job: StoredJob, now = Date.now()): Record<string, unknown> {
		const status = this.statusOf(job, now);
		const queued = this.queuedFor(job);
		let processed = job.processed;
		if (!job.final) {
			const running = job.durationMs - queued;
			const fraction =
				status === 'running' && running > 0 ? (now - job.createdMs - queued) / running : 0;
			processed = Math.min(job.total, Math.max(0, Math.floor(job.total * fraction)));
			if (processed >= job.total && job.total > 0) processed = job.total - 1;
		}
		const started =
			status === 'queued' ||
			(job.final === 'cancelled' && job.completedMs! - job.createdMs < queued)
				? null
				: isoOf(job.createdMs + queued);
		return {
			id: job.id,
			type: job.type,
			resourceType: job.resourceType,
			status,
			progress: { processed, total: job.total, errorsCount: job.final ? job.errors.length : 0 },
			params: job.params,
			result: job.result,
			errorMessage: job.errorMessage,
			createdAt: isoOf(job.createdMs),
			startedAt: started,
			completedAt: job.completedMs === null ? null : isoOf(job.completedMs),
			expiresAt: isoOf(job.createdMs + ARTIFACT_TTL_MS),
		};
	}

	answerJob(ctx: JobContext, job: StoredJob): JobAnswer {
		const headers: Record<string, string> = {};
		if (!job.final && this.config.retryAfterSeconds !== null)
			headers['Retry-After'] = String(this.config.retryAfterSeconds);
		return {
			status: 200,
			body: { data: this.present(job), meta: { request_id: ctx.requestId } },
			headers,
		};
	}

	list(ctx: JobContext): JobAnswer {
		const q = ctx.query;
		const limit = q.limit === undefined || q.limit === '' ? 25 : Number(q.limit);
		if (!/^\d+$/.test(q.limit || '25') || limit < 1 || limit > 100)
			throw badRequest('limit must be an integer between 1 and 100.');
		const used: Record<string, string> = {};
		for (const name of ['type', 'status', 'resourceType']) if (q[name]) used[name] = q[name];
		const fingerprint = filterFingerprint(used);
		const after = q.cursor
			? this.cursors.decode(q.cursor, ctx.tenantId, 'jobs', fingerprint)
			: undefined;
		const now = Date.now();
		const matches = (job: StoredJob) =>
			(!used.type || job.type === used.type) &&
			(!used.resourceType || job.resourceType === used.resourceType) &&
			(!used.status || this.statusOf(job, now) === used.status);
		const page = pageOf(
			this.tenantSeqs.get(ctx.tenantId) ?? [],
			(seq) => this.bySeq.get(seq),
			matches,
			after,
			limit,
		);
		const last = page.items[page.items.length - 1];
		return {
			status: 200,
			body: {
				data: page.items.map((j) => this.present(j, now)),
				meta: {
					request_id: ctx.requestId,
					pagination: {
						cursor:
							page.hasMore && last
								? this.cursors.encode(ctx.tenantId, 'jobs', fingerprint, last.seq)
								: null,
						has_more: page.hasMore,
						count: page.items.length,
					},
				},
			},
		};
	}

	cancel(ctx: JobContext, job: StoredJob): JobAnswer {
		if (job.final)
			throw new ApiError(
				409,
				'conflict',
				`Job ${job.id} already ended (${job.final}); only queued or running jobs can be cancelled.`,
			);
		this.stop(job);
		return { status: 200, body: { data: this.present(job), meta: { request_id: ctx.requestId } } };
	}

	private stop(job: StoredJob): void {
		if (job.timer) clearTimeout(job.timer);
		job.timer = null;
		job.final = 'cancelled';
		job.completedMs = Date.now();
		job.work = () => null;
	}

	remove(job: StoredJob): JobAnswer {
		if (!job.final) this.stop(job);
		job.deleted = true;
		const seqs = this.tenantSeqs.get(job.tenantId) ?? [];
		const index = seqs.indexOf(job.seq);
		if (index >= 0) seqs.splice(index, 1);
		return { status: 204 };
	}

	download(job: StoredJob): JobAnswer {
		const status = this.statusOf(job);
		if (status !== 'succeeded' && status !== 'partial') {
			throw new ApiError(
				409,
				'conflict',
				`Job ${job.id} is ${status}; only succeeded or partial jobs have a download.`,
			);
		}
		if (!job.artifactKey) throw notFound(`Job ${job.id} (${job.type}) has no result file.`);
		return this.redirect(job.artifactKey);
	}

	errorsOf(job: StoredJob): JobAnswer {
		if (!job.errorsKey)
			throw notFound(
				`Job ${job.id} has no row errors (only partial or failed jobs with row errors have them).`,
			);
		return this.redirect(job.errorsKey);
	}

	private redirect(key: string): JobAnswer {
		return {
			status: 302,
			headers: {
				Location: this.storage.signedUrl('GET', key, this.config.signedUrlTtlSeconds),
				'Cache-Control': 'no-store',
			},
		};
	}
}

function objectBody(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null) return {};
	if (typeof body !== 'object' || Array.isArray(body))
		throw badRequest('The request body must be a JSON object.');
	return body as Record<string, unknown>;
}

/** The row errors an import row or bulk id produced (every field error of a 422, else its problem). */
function rowErrorOf(err: unknown, row: number, id: number | null): RowError[] {
	if (err instanceof ApiError) {
		if (err.errors?.length)
			return err.errors.map((e) => ({ row, id, field: e.field, code: e.code, message: e.message }));
		return [{ row, id, field: null, code: err.code, message: err.message }];
	}
	console.error('[sandbox] job row failed unexpectedly', err);
	return [
		{
			row,
			id,
			field: null,
			code: 'internal_error',
			message: 'The sandbox hit an unexpected error on this row.',
		},
	];
}

/** A CSV cell as the field's JSON value (the validation that follows reports what does not fit). */
function fromCsv(raw: string, type: string): unknown {
	const text = raw.trim();
	switch (type) {
		case 'integer':
			return /^-?\d{1,15}$/.test(text) ? Number(text) : raw;
		case 'boolean': {
			const lower = text.toLowerCase();
			if (['true', '1', 'yes'].includes(lower)) return true;
			if (['false', '0', 'no'].includes(lower)) return false;
			return raw;
		}
		case 'json':
			try {
				return JSON.parse(text);
			} catch {
				return raw;
			}
		default:
			return raw;
	}
}
