/**
 * How each of BuildWorkPro's 35 webhook event types is caused, as plain API calls (and, for the
 * five no API operation causes, the sandbox's web-app and scheduler controls). Shared by the
 * sandbox's emitting spec (test/sandbox/eventTypes.test.ts) and the trigger's receiving spec
 * (test/trigger/eventTypes.test.ts); docs/sandbox.md lists the same causes in words.
 */
import type { Sandbox } from '../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export type ApiCall = (
	method: string,
	path: string,
	body?: unknown,
) => Promise<{ status: number; body: Json }>;

export interface CauseContext {
	call: ApiCall;
	/** A test control: POST /__sandbox<path> with a JSON body; answers its JSON. */
	control(path: string, body?: unknown): Promise<Json>;
}

export interface EventCause {
	type: string;
	/** The collection the record is in ('/bids'). */
	path: string;
	/** The action, in words. */
	cause: string;
	/** The other event types the same action sends (a PATCH changing a project's status is also an update). */
	alsoSends?: string[];
	/** Creates what the action needs; answers the record to act on, if there is one yet. */
	prepare(ctx: CauseContext): Promise<{ id?: number; [key: string]: unknown }>;
	/** The action itself; answers the id of the record it created or changed. */
	act(ctx: CauseContext, prepared: { id?: number; [key: string]: unknown }): Promise<number>;
}

/** A call that must succeed; answers `data` (or nothing for a 204). */
async function ok(ctx: CauseContext, method: string, path: string, body?: unknown): Promise<Json> {
	const answer = await ctx.call(method, path, body);
	if (answer.status < 200 || answer.status >= 300)
		throw new Error(`${method} ${path} → ${answer.status}: ${JSON.stringify(answer.body)}`);
	return answer.body?.data;
}

/** A web-app change through the sandbox's control (no API operation makes it). */
async function inWebApp(ctx: CauseContext, path: string, body: unknown = {}): Promise<void> {
	const answer = await ctx.control(`/app${path}`, body);
	if (!answer?.data) throw new Error(`POST /__sandbox/app${path}: ${JSON.stringify(answer)}`);
}

const newContact = (ctx: CauseContext) =>
	ok(ctx, 'POST', '/contacts', { type: 'customer', firstName: 'Maria', lastName: 'Garcia' });
const newLead = async (ctx: CauseContext) => {
	const [stage] = await ok(ctx, 'GET', '/lead-stages');
	return ok(ctx, 'POST', '/leads', { name: 'Harbor View Condos', stageId: stage.id });
};
const newBid = (ctx: CauseContext, body: Record<string, unknown> = {}) =>
	ok(ctx, 'POST', '/bids', { name: 'Kitchen remodel', ...body });
const newProject = (ctx: CauseContext) =>
	ok(ctx, 'POST', '/projects', { name: 'Riverside Office Build-Out' });
const newProduct = (ctx: CauseContext) =>
	ok(ctx, 'POST', '/products', { name: 'Drywall sheet 4x8', sellPrice: '14.50' });
const newChangeOrder = async (ctx: CauseContext) => {
	const project = await newProject(ctx);
	return ok(ctx, 'POST', '/change-orders', {
		projectId: project.id,
		title: 'Owner-requested tile upgrade',
		reason: 'owner_request',
	});
};
const newPayApp = async (ctx: CauseContext) => {
	const project = await newProject(ctx);
	return ok(ctx, 'POST', '/pay-apps', { projectId: project.id, currentBilled: '12000.00' });
};

/** A record created and then taken through `steps` (paths after /{id}/ with bodies) before the action. */
const through =
	(create: (ctx: CauseContext) => Promise<Json>, path: string, steps: Array<[string, unknown?]>) =>
	async (ctx: CauseContext) => {
		const record = await create(ctx);
		for (const [step, body] of steps) await ok(ctx, 'POST', `${path}/${record.id}/${step}`, body);
		return { id: record.id as number };
	};

const createdBy =
	(create: (ctx: CauseContext) => Promise<Json>) =>
	async (ctx: CauseContext): Promise<number> =>
		(await create(ctx)).id;
const nothing = async () => ({});
const patch = (path: string, body: unknown) => async (ctx: CauseContext, p: { id?: number }) => {
	await ok(ctx, 'PATCH', `${path}/${p.id}`, body);
	return p.id!;
};
const remove = (path: string) => async (ctx: CauseContext, p: { id?: number }) => {
	await ok(ctx, 'DELETE', `${path}/${p.id}`);
	return p.id!;
};
const post = (path: string, step: string, body?: unknown) =>
	async function (ctx: CauseContext, p: { id?: number }) {
		await ok(ctx, 'POST', `${path}/${p.id}/${step}`, body);
		return p.id!;
	};
const webApp = (path: string, action: string, body?: unknown) =>
	async function (ctx: CauseContext, p: { id?: number }) {
		await inWebApp(ctx, `${path}/${p.id}/${action}`, body);
		return p.id!;
	};

const YESTERDAY = () => new Date(Date.now() - 86_400_000).toISOString();

export const EVENT_CAUSES: EventCause[] = [
	// contacts
	{
		type: 'contact.created',
		path: '/contacts',
		cause: 'POST /contacts',
		prepare: nothing,
		act: createdBy(newContact),
	},
	{
		type: 'contact.updated',
		path: '/contacts',
		cause: 'PATCH /contacts/{id} that changes a field',
		prepare: through(newContact, '/contacts', []),
		act: patch('/contacts', { firstName: 'Mariana' }),
	},
	{
		type: 'contact.deleted',
		path: '/contacts',
		cause: 'DELETE /contacts/{id}',
		prepare: through(newContact, '/contacts', []),
		act: remove('/contacts'),
	},
	// leads
	{
		type: 'lead.created',
		path: '/leads',
		cause: 'POST /leads',
		prepare: nothing,
		act: createdBy(newLead),
	},
	{
		type: 'lead.updated',
		path: '/leads',
		cause: 'PATCH /leads/{id} that changes a field',
		prepare: through(newLead, '/leads', []),
		act: patch('/leads', { probability: 60 }),
	},
	{
		type: 'lead.deleted',
		path: '/leads',
		cause: 'DELETE /leads/{id}',
		prepare: through(newLead, '/leads', []),
		act: remove('/leads'),
	},
	// bids
	{
		type: 'bid.created',
		path: '/bids',
		cause: 'POST /bids',
		prepare: nothing,
		act: createdBy(newBid),
	},
	{
		type: 'bid.updated',
		path: '/bids',
		cause: 'PATCH /bids/{id} that changes a field',
		prepare: through(newBid, '/bids', []),
		act: patch('/bids', { name: 'Kitchen and pantry remodel' }),
	},
	{
		type: 'bid.deleted',
		path: '/bids',
		cause: 'DELETE /bids/{id}',
		prepare: through(newBid, '/bids', []),
		act: remove('/bids'),
	},
	{
		type: 'bid.accepted',
		path: '/bids',
		cause: 'POST /bids/{id}/accept',
		prepare: through(newBid, '/bids', [['send']]),
		act: post('/bids', 'accept', { acceptedBy: 'Dana Whitaker' }),
	},
	{
		type: 'bid.acceptance_reverted',
		path: '/bids',
		cause: 'POST /bids/{id}/revert-acceptance',
		prepare: through(newBid, '/bids', [['send'], ['accept', { acceptedBy: 'Dana Whitaker' }]]),
		act: post('/bids', 'revert-acceptance', { status: 'sent' }),
	},
	{
		type: 'bid.rejected',
		path: '/bids',
		cause: 'POST /bids/{id}/reject',
		prepare: through(newBid, '/bids', [['send']]),
		act: post('/bids', 'reject'),
	},
	{
		type: 'bid.expired',
		path: '/bids',
		cause:
			"the scheduler's pass after a sent bid's validUntil (control POST /__sandbox/scheduler/run)",
		prepare: through((ctx) => newBid(ctx, { validUntil: YESTERDAY() }), '/bids', [['send']]),
		async act(ctx, p) {
			const answer = await ctx.control('/scheduler/run');
			if (!answer?.data?.some((change: Json) => change.record.id === p.id))
				throw new Error(`the scheduler did not expire bid ${p.id}: ${JSON.stringify(answer)}`);
			return p.id!;
		},
	},
	{
		type: 'bid.cancelled',
		path: '/bids',
		cause: 'cancelling in the web app (control POST /__sandbox/app/bids/{id}/cancel)',
		prepare: through(newBid, '/bids', [['send']]),
		act: webApp('/bids', 'cancel', { reason: 'Customer postponed the work' }),
	},
	{
		type: 'bid.reopened',
		path: '/bids',
		cause:
			'reopening a cancelled bid in the web app (control POST /__sandbox/app/bids/{id}/reopen)',
		async prepare(ctx) {
			const prepared = await through(newBid, '/bids', [['send']])(ctx);
			await inWebApp(ctx, `/bids/${prepared.id}/cancel`);
			return prepared;
		},
		act: webApp('/bids', 'reopen'),
	},
	// projects
	{
		type: 'project.created',
		path: '/projects',
		cause: 'POST /projects',
		prepare: nothing,
		act: createdBy(newProject),
	},
	{
		type: 'project.updated',
		path: '/projects',
		cause: 'PATCH /projects/{id} that changes a field',
		prepare: through(newProject, '/projects', []),
		act: patch('/projects', { name: 'Riverside Office Build-Out, phase 2' }),
	},
	{
		type: 'project.deleted',
		path: '/projects',
		cause: 'DELETE /projects/{id}',
		prepare: through(newProject, '/projects', []),
		act: remove('/projects'),
	},
	{
		type: 'project.status_changed',
		path: '/projects',
		cause: 'PATCH /projects/{id} that changes status (also sends project.updated)',
		alsoSends: ['project.updated'],
		prepare: through(newProject, '/projects', []),
		act: patch('/projects', { status: 'in_progress' }),
	},
	// change orders (no created event)
	{
		type: 'change_order.submitted',
		path: '/change-orders',
		cause: 'POST /change-orders/{id}/submit',
		prepare: through(newChangeOrder, '/change-orders', []),
		act: post('/change-orders', 'submit'),
	},
	{
		type: 'change_order.approved',
		path: '/change-orders',
		cause: 'POST /change-orders/{id}/approve',
		prepare: through(newChangeOrder, '/change-orders', [['submit']]),
		act: post('/change-orders', 'approve', { approvedBy: 'Owner representative' }),
	},
	{
		type: 'change_order.rejected',
		path: '/change-orders',
		cause: 'POST /change-orders/{id}/reject',
		prepare: through(newChangeOrder, '/change-orders', [['submit']]),
		act: post('/change-orders', 'reject', { reason: 'Over budget' }),
	},
	{
		type: 'change_order.voided',
		path: '/change-orders',
		cause: 'voiding in the web app (control POST /__sandbox/app/change-orders/{id}/void)',
		prepare: through(newChangeOrder, '/change-orders', [['submit'], ['approve']]),
		act: webApp('/change-orders', 'void'),
	},
	{
		type: 'change_order.updated',
		path: '/change-orders',
		cause: 'PATCH /change-orders/{id} that changes a field (drafts only)',
		prepare: through(newChangeOrder, '/change-orders', []),
		act: patch('/change-orders', { title: 'Owner-requested tile and grout upgrade' }),
	},
	{
		type: 'change_order.deleted',
		path: '/change-orders',
		cause: 'DELETE /change-orders/{id}',
		prepare: through(newChangeOrder, '/change-orders', []),
		act: remove('/change-orders'),
	},
	// pay applications (no created event)
	{
		type: 'pay_app.submitted',
		path: '/pay-apps',
		cause: 'POST /pay-apps/{id}/submit',
		prepare: through(newPayApp, '/pay-apps', []),
		act: post('/pay-apps', 'submit'),
	},
	{
		type: 'pay_app.approved',
		path: '/pay-apps',
		cause: 'POST /pay-apps/{id}/approve',
		prepare: through(newPayApp, '/pay-apps', [['submit']]),
		act: post('/pay-apps', 'approve'),
	},
	{
		type: 'pay_app.rejected',
		path: '/pay-apps',
		cause: 'POST /pay-apps/{id}/reject',
		prepare: through(newPayApp, '/pay-apps', [['submit']]),
		act: post('/pay-apps', 'reject', { reason: 'Stored materials not documented' }),
	},
	{
		type: 'pay_app.paid',
		path: '/pay-apps',
		cause: 'POST /pay-apps/{id}/mark-paid',
		prepare: through(newPayApp, '/pay-apps', [['submit'], ['approve']]),
		act: post('/pay-apps', 'mark-paid'),
	},
	{
		type: 'pay_app.voided',
		path: '/pay-apps',
		cause: 'voiding in the web app (control POST /__sandbox/app/pay-apps/{id}/void)',
		prepare: through(newPayApp, '/pay-apps', [['submit'], ['approve']]),
		act: webApp('/pay-apps', 'void', { reason: 'Billed against the wrong period' }),
	},
	{
		type: 'pay_app.updated',
		path: '/pay-apps',
		cause: 'PATCH /pay-apps/{id} that changes a field (drafts and rejected ones)',
		prepare: through(newPayApp, '/pay-apps', []),
		act: patch('/pay-apps', { notes: 'Includes stored drywall' }),
	},
	{
		type: 'pay_app.deleted',
		path: '/pay-apps',
		cause: 'DELETE /pay-apps/{id} (drafts only)',
		prepare: through(newPayApp, '/pay-apps', []),
		act: remove('/pay-apps'),
	},
	// products
	{
		type: 'product.created',
		path: '/products',
		cause: 'POST /products',
		prepare: nothing,
		act: createdBy(newProduct),
	},
	{
		type: 'product.updated',
		path: '/products',
		cause: 'PATCH /products/{id} that changes a field',
		prepare: through(newProduct, '/products', []),
		act: patch('/products', { sellPrice: '15.25' }),
	},
	{
		type: 'product.deleted',
		path: '/products',
		cause: 'DELETE /products/{id}',
		prepare: through(newProduct, '/products', []),
		act: remove('/products'),
	},
];

/** What an action did: the record it acted on, as GET answered it before (if it existed) and after (before, once deleted). */
export interface Caused {
	id: number;
	before?: Json;
	after: Json;
}

/**
 * Prepares the record, runs `ready` (to subscribe to events from here on), causes the event and
 * reads the record back the way a client would.
 */
export async function causeEvent(
	cause: EventCause,
	ctx: CauseContext,
	ready: () => Promise<void> = async () => undefined,
): Promise<Caused> {
	const prepared = await cause.prepare(ctx);
	const before =
		prepared.id === undefined ? undefined : await ok(ctx, 'GET', `${cause.path}/${prepared.id}`);
	await ready();
	const id = await cause.act(ctx, prepared);
	const after = cause.type.endsWith('.deleted')
		? before
		: await ok(ctx, 'GET', `${cause.path}/${id}`);
	return { id, before, after };
}

/** The documented previous_attributes of a change: every changed field with its old value (updatedAt aside). */
export function changedFields(before: Json, after: Json): Record<string, unknown> {
	const previous: Record<string, unknown> = {};
	for (const key of Object.keys(after))
		if (key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
			previous[key] = before[key] ?? null;
	return previous;
}

/** Events about a record that existed before and still does: they carry previous_attributes. */
export const isChange = (type: string) => !/\.(created|deleted)$/.test(type);

/** The sandbox's test controls over HTTP. */
export function controlsOf(sandbox: Sandbox): CauseContext['control'] {
	return async (path, body = {}) => {
		const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return response.json();
	};
}
