/**
 * The account's own views (served by sandbox/routes/account.ts): settings (branding, data
 * retention) and the API audit log, which records every authenticated API request of the tenant
 * as the pipeline (sandbox/pipeline.ts) answers it.
 */
import type { CursorCodec } from './cursor';
import { filterFingerprint } from './cursor';
import { parseDateParam } from './query';
import { pageOf } from './keyset';
import { badRequest } from './problems';

/** Branding as openapi's BrandingSettings (the logo's bytes are never part of the API). */
export function brandingOf(tenantId: number) {
	const companies: Record<
		number,
		{ companyName: string; primaryColor: string; accentColor: string; hasLogo: boolean }
	> = {
		1: {
			companyName: 'Summit Contracting LLC',
			primaryColor: '#1F4E79',
			accentColor: '#F59E0B',
			hasLogo: true,
		},
		2: {
			companyName: 'Harbor Drywall Inc.',
			primaryColor: '#14532D',
			accentColor: '#A3E635',
			hasLogo: false,
		},
	};
	return {
		id: tenantId,
		tenantId,
		...(companies[tenantId] ?? {
			companyName: null,
			primaryColor: null,
			accentColor: null,
			hasLogo: false,
		}),
	};
}

/** Retention periods in days, as openapi's DataRetentionSettings (null: none set). */
export function dataRetentionOf(tenantId: number) {
	return {
		auditLogRetentionDays: 90,
		activityLogRetentionDays: 365,
		notificationRetentionDays: tenantId === 1 ? 30 : 90,
		deletedRecordsRetentionDays: 30,
		exportRetentionDays: tenantId === 1 ? 7 : null,
	};
}

/** One row of GET /api-audit-logs (openapi's ApiAuditLog). */
export interface AuditEntry {
	id: number;
	tenantId: number;
	apiKeyId: number | null;
	oauthTokenId: number | null;
	userId: number | null;
	method: string;
	path: string;
	status: number;
	durationMs: number;
	requestId: string;
	ip: string | null;
	userAgent: string | null;
	errorCode: string | null;
	createdAt: string;
}

interface StoredEntry extends AuditEntry {
	createdAtMs: number;
}

/** Entries kept per tenant; the oldest go first (a long benchmark must not exhaust memory). */
const MAX_ENTRIES_PER_TENANT = 10_000;

export class AuditLog {
	private ids = new Map<number, number[]>();
	private entries = new Map<number, StoredEntry>();
	private nextId = 1;

	constructor(private readonly maxPerTenant = MAX_ENTRIES_PER_TENANT) {}

	record(entry: Omit<AuditEntry, 'id' | 'createdAt'>, atMs = Date.now()): void {
		const stored: StoredEntry = {
			id: this.nextId++,
			...entry,
			createdAt: new Date(atMs).toISOString(),
			createdAtMs: atMs,
		};
		let ids = this.ids.get(entry.tenantId);
		if (!ids) this.ids.set(entry.tenantId, (ids = []));
		ids.push(stored.id);
		this.entries.set(stored.id, stored);
		if (ids.length > this.maxPerTenant)
			for (const old of ids.splice(0, ids.length - this.maxPerTenant)) this.entries.delete(old);
	}

	/** A page of the tenant's entries, newest first, filtered by apiKeyId, method, status and date range. */
	list(tenantId: number, query: Record<string, string>, limit: number, cursors: CursorCodec) {
		const positive = /^[1-9]\d{0,14}$/;
		if (query.apiKeyId && !positive.test(query.apiKeyId))
			throw badRequest('apiKeyId must be a positive integer.');
		if (query.status && !/^\d{1,3}$/.test(query.status))
			throw badRequest('status must be an HTTP status code (an integer).');
		const apiKeyId = query.apiKeyId ? Number(query.apiKeyId) : undefined;
		const status = query.status ? Number(query.status) : undefined;
		const method = query.method ? query.method.toUpperCase() : undefined;
		const fromMs = parseDateParam('dateFrom', query.dateFrom);
		const toMs = parseDateParam('dateTo', query.dateTo);
		const fingerprint = filterFingerprint({
			apiKeyId: query.apiKeyId,
			method,
			status: query.status,
			dateFrom: query.dateFrom,
			dateTo: query.dateTo,
		});
		const after = query.cursor
			? cursors.decode(query.cursor, tenantId, 'api-audit-logs', fingerprint)
			: undefined;
		const page = pageOf(
			this.ids.get(tenantId) ?? [],
			(id) => this.entries.get(id),
			(e) =>
				(apiKeyId === undefined || e.apiKeyId === apiKeyId) &&
				(method === undefined || e.method === method) &&
				(status === undefined || e.status === status) &&
				(fromMs === undefined || e.createdAtMs >= fromMs) &&
				(toMs === undefined || e.createdAtMs <= toMs),
			after,
			limit,
			true,
		);
		const last = page.items[page.items.length - 1];
		return {
			data: page.items.map(({ createdAtMs: _ms, ...entry }) => entry),
			pagination: {
				cursor:
					page.hasMore && last
						? cursors.encode(tenantId, 'api-audit-logs', fingerprint, last.id)
						: null,
				has_more: page.hasMore,
				count: page.items.length,
			},
		};
	}

	reset(): void {
		this.ids.clear();
		this.entries.clear();
	}
}
