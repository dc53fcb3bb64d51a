/**
 * The test controls under /__sandbox (only with `testControls`): seeding, reset, the request log,
 * faults, rate limits, jobs, storage, documents, webhook deliveries, OAuth, and the web app's and
 * scheduler's changes that no API operation makes (resources/appActions.ts). They answer plain
 * JSON (`{data}`, `{ok: true}` or `{error}`), not the API's envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxApp } from './app';
import { presentContact } from './contacts';
import { CONTROL_PREFIX, readBody, sendJson } from './http';
import { ApiError } from './problems';
import { runAppAction, runScheduler } from './resources/appActions';
import type { DocumentInput, FaultSpec, JobConfig, SandboxOptions } from './types';

/** Bodies of the test controls may be large (documents as base64). */
const MAX_CONTROL_BODY_BYTES = 16 * 1024 * 1024;

export async function handleControl(
	app: SandboxApp,
	req: IncomingMessage,
	res: ServerResponse,
	sub: string,
	query: Record<string, string>,
): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const raw = await readBody(req, MAX_CONTROL_BODY_BYTES);
	let body: Record<string, unknown> = {};
	try {
		if (raw.bytes.length) body = JSON.parse(raw.bytes.toString('utf8')) ?? {};
	} catch {
		return sendJson(res, 400, { error: 'Body must be JSON.' });
	}
	const tenantParam = query.tenantId ? Number(query.tenantId) : undefined;
	try {
		if (sub === '/oauth' || sub.startsWith('/oauth/'))
			return sendJson(res, ...app.oauth.control(method, sub.slice('/oauth'.length), body));
		// What a person does in the web app: POST /app/bids/12/cancel {reason?}.
		const appAction = /^\/app\/([a-z-]+)\/([1-9]\d{0,14})\/([a-z-]+)$/.exec(sub);
		if (method === 'POST' && appAction) {
			const [, family, id, action] = appAction;
			const data = runAppAction(app.resources, family, Number(id), action, body, tenantParam ?? 1);
			return sendJson(res, 200, { data });
		}
		switch (`${method} ${sub}`) {
			case 'POST /seed': {
				// {count, tenantId?} seeds contacts (as always); {family, count, tenantId?} any seedable family.
				const count = Number(body.count ?? 0);
				if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
					return sendJson(res, 400, { error: 'count must be an integer from 0 to 1,000,000.' });
				}
				const tenantId = body.tenantId === undefined ? 1 : Number(body.tenantId);
				if (!Number.isInteger(tenantId) || tenantId < 1)
					return sendJson(res, 400, { error: 'tenantId must be a positive integer.' });
				if (body.family === undefined)
					return sendJson(res, 200, { total: app.seed(count, tenantId) });
				const family = String(body.family);
				return sendJson(res, 200, { family, total: app.seedFamily(family, count, tenantId) });
			}
			case 'POST /reset':
				app.reset();
				return sendJson(res, 200, { ok: true });
			case 'GET /requests':
				return sendJson(res, 200, { data: app.requestLog.list() });
			case 'DELETE /requests':
				app.requestLog.clear();
				return sendJson(res, 200, { ok: true });
			case 'POST /faults':
				app.faults.inject(body as unknown as FaultSpec);
				return sendJson(res, 200, { ok: true });
			case 'DELETE /faults':
				app.faults.clear();
				return sendJson(res, 200, { ok: true });
			case 'PUT /rate-limit':
				return sendJson(res, 200, {
					data: app.setRateLimit(body as SandboxOptions['rateLimit']),
				});
			case 'GET /contacts': {
				const table = app.contacts.table(tenantParam ?? 1);
				const data = [...table.byId.values()]
					.filter((c) => c.deletedAt === null)
					.map((c) => presentContact(c));
				return sendJson(res, 200, { data });
			}
			case 'GET /webhook-endpoints':
				return sendJson(res, 200, { data: app.webhooks.rawEndpoints(tenantParam) });
			case 'GET /webhook-deliveries':
				return sendJson(res, 200, { data: app.webhooks.rawDeliveries() });
			case 'PUT /jobs':
				return sendJson(res, 200, { data: app.jobs.configure(body as Partial<JobConfig>) });
			case 'GET /jobs':
				return sendJson(res, 200, { data: app.jobs.rawJobs(tenantParam) });
			case 'GET /storage':
				return sendJson(res, 200, { url: app.storage.origin });
			case 'GET /storage/requests':
				return sendJson(res, 200, { data: app.storage.requestLog() });
			case 'DELETE /storage/requests':
				app.storage.clearLog();
				return sendJson(res, 200, { ok: true });
			case 'POST /documents': {
				const { content, contentBase64, tenantId, ...rest } = body as Record<string, unknown>;
				const bytes =
					typeof contentBase64 === 'string'
						? Buffer.from(contentBase64, 'base64')
						: Buffer.from(typeof content === 'string' ? content : '', 'utf8');
				const data = app.addDocument(
					{ ...(rest as unknown as Omit<DocumentInput, 'bytes'>), bytes },
					tenantId === undefined ? 1 : Number(tenantId),
				);
				return sendJson(res, 201, { data });
			}
			case 'POST /scheduler/run': {
				const now = body.now === undefined ? Date.now() : Date.parse(String(body.now));
				if (Number.isNaN(now))
					return sendJson(res, 400, { error: 'now must be an ISO 8601 date-time.' });
				return sendJson(res, 200, { data: runScheduler(app.resources, now) });
			}
			case 'POST /deliver': {
				if (typeof body.url !== 'string') return sendJson(res, 400, { error: 'url is required.' });
				return sendJson(res, 200, await app.webhooks.sendDelivery(body as never));
			}
			default:
				return sendJson(res, 404, { error: `No test control ${method} ${CONTROL_PREFIX}${sub}.` });
		}
	} catch (err) {
		// A record not found, a refused transition or an invalid body keeps the API's status.
		if (err instanceof ApiError) return sendJson(res, err.status, { error: err.message });
		return sendJson(res, 400, { error: (err as Error).message });
	}
}
