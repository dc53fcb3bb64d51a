/**
 * Invoices, their lines and their payment ledger. The one v1 list paged by page/pageSize.
 *
 * Lifecycle: draft → sent (send, mark-sent); sent|partial → paid (mark-paid; a no-op on a paid
 * invoice, as documented); draft|sent|partial → voided (void {reason}; terminal). Payments move
 * an invoice between sent, partial and paid. Only drafts can be edited, deleted or have their
 * lines changed (the sandbox also refuses reordering a non-draft's lines, which openapi leaves
 * open). Voiding a paid invoice is refused (the spec is silent; refund first, then void).
 *
 * Totals, in cents: line amount = quantity × unitPrice; subtotal = Σ amounts; discount fixed or
 * percentage of subtotal; tax = taxRate × (taxable lines − their share of the discount);
 * total = subtotal − discount + tax; amountPaid = Σ payments not voided; balanceDue = total − paid.
 */
import { ApiError, validationFailed, type FieldError } from '../problems';
import { date, groupRows, int, numbered, pick, seedAmount, str, sumCents } from './common';
import { ok } from '../answer';
import { bodyObject, validateFields, type FieldSpec } from './fields';
import type { EditGuard } from './lifecycle';
import { fromCents, lineCents, percentOf, toCents } from './money';
import type { FamilyDef, FamilyStore, ResourceContext, Row } from './types';

export const INVOICE_STATUSES = ['draft', 'sent', 'partial', 'paid', 'voided'] as const;
const DRAFT_ONLY: EditGuard = { allowed: ['draft'], past: 'edited' };

const INVOICE_FIELDS: FieldSpec[] = [
	{
		name: 'tenantId',
		type: 'integer',
		input: 'none',
		default: ({ tenantId }: { tenantId: number }) => tenantId,
	},
	{ name: 'invoiceNumber', type: 'string', default: numbered('INV') },
	// Required on create (and not nullable there); answered as nullable (from-bid of a bid without project).
	{
		name: 'projectId',
		type: 'integer',
		required: true,
		default: null,
		min: -2147483648,
		max: 2147483647,
	},
	{
		name: 'contactId',
		type: 'integer',
		required: true,
		default: null,
		min: -2147483648,
		max: 2147483647,
	},
	{ name: 'status', type: 'string', enum: INVOICE_STATUSES, input: 'none', default: 'draft' },
	date('issueDate', { required: true }),
	date('dueDate'),
	{ name: 'subtotal', type: 'decimal', input: 'none' },
	{ name: 'taxAmount', type: 'decimal', input: 'none' },
	{ name: 'total', type: 'decimal', input: 'none' },
	{ name: 'amountPaid', type: 'decimal', input: 'none' },
	{ name: 'balanceDue', type: 'decimal', input: 'none' },
	str('notesToCustomer'),
	int('sourceBidId', { optional: true }),
	int('sourcePayAppId', { optional: true }),
	{
		name: 'sourceType',
		type: 'string',
		enum: ['bid', 'pay_app', 'ad_hoc'],
		default: 'ad_hoc',
		optional: true,
	},
	{ name: 'taxRate', type: 'decimal', default: '0', optional: true },
	{
		name: 'discountType',
		type: 'string',
		enum: ['fixed', 'percentage'],
		default: 'fixed',
		optional: true,
	},
	{ name: 'discount', type: 'decimal', default: '0', optional: true },
	str('terms', { optional: true }),
	str('paymentTermsText', { optional: true }),
	int('paymentTermId', { optional: true }),
	int('paymentTermInstallmentId', { min: 1, optional: true }),
	str('percentOfBid', { optional: true }),
	date('sentAt', { input: 'none', optional: true }),
	date('paidAt', { input: 'none', optional: true }),
	date('voidedAt', { input: 'none', optional: true }),
	str('voidReason', { input: 'none', optional: true }),
];

const LINE_FIELDS: FieldSpec[] = [
	{ name: 'position', type: 'integer', min: -2147483648, max: 2147483647 },
	int('productId'),
	{ name: 'description', type: 'string', required: true },
	{ name: 'quantity', type: 'decimal' },
	{ name: 'unitPrice', type: 'decimal' },
	{ name: 'isTaxable', type: 'boolean' },
	str('deletedAt'),
];

const PAYMENT_FIELDS: FieldSpec[] = [
	{ name: 'amount', type: 'decimal', required: true },
	date('paidAt', { required: true }),
	{ name: 'method', type: 'string', enum: ['check', 'cash', 'ach', 'card', 'other'] },
	str('reference', { maxLength: 255 }),
	str('notes', { maxLength: 2000 }),
];

interface InvoiceLine {
	id: number;
	invoiceId: number;
	description: string;
	quantity: string;
	unitPrice: string;
	isTaxable: boolean;
	productId: number | null;
	order: number;
}

interface Payment {
	id: number;
	invoiceId: number;
	amount: string;
	paidAt: string;
	method: string | null;
	reference: string | null;
	notes: string | null;
	voidedAt: string | null;
}

const linesOf = (row: Row): InvoiceLine[] => (row.x.lines ??= []);
const paymentsOf = (row: Row): Payment[] => (row.x.payments ??= []);
const sortedLines = (row: Row) =>
	[...linesOf(row)].sort((a, b) => a.order - b.order || a.id - b.id);
const presentLine = (l: InvoiceLine) => ({
	...l,
	amount: fromCents(lineCents(l.quantity, l.unitPrice)),
});

function recompute(row: Row): void {
	const v = row.v;
	let subtotal = 0;
	let taxable = 0;
	for (const line of linesOf(row)) {
		const amount = lineCents(line.quantity, line.unitPrice);
		subtotal += amount;
		if (line.isTaxable) taxable += amount;
	}
	const discount =
		v.discountType === 'percentage'
			? percentOf(subtotal, v.discount)
			: Math.min(toCents(v.discount), subtotal);
	const taxableShare = subtotal ? taxable - Math.round((discount * taxable) / subtotal) : 0;
	const tax = percentOf(taxableShare, v.taxRate);
	const total = subtotal - discount + tax;
	const paid = paymentsOf(row).reduce((sum, p) => sum + (p.voidedAt ? 0 : toCents(p.amount)), 0);
	Object.assign(v, {
		subtotal: fromCents(subtotal),
		taxAmount: fromCents(tax),
		total: fromCents(total),
		amountPaid: fromCents(paid),
		balanceDue: fromCents(total - paid),
	});
	if (v.status === 'sent' || v.status === 'partial' || v.status === 'paid') {
		v.status =
			paid >= total && (paid > 0 || row.x.markedPaid) ? 'paid' : paid > 0 ? 'partial' : 'sent';
		if (v.status !== 'paid') v.paidAt = null;
	}
}

function newLine(store: FamilyStore, row: Row, values: Record<string, unknown>): InvoiceLine {
	const lines = linesOf(row);
	return {
		id: store.nextId('invoice-lines'),
		invoiceId: row.id,
		description: values.description as string,
		quantity: (values.quantity as string) ?? '1',
		unitPrice: (values.unitPrice as string) ?? '0.00',
		isTaxable: (values.isTaxable as boolean) ?? true,
		productId: (values.productId as number | null) ?? null,
		order: (values.position as number) ?? lines.reduce((max, l) => Math.max(max, l.order), 0) + 1,
	};
}

/** Creates an invoice with its lines (POST /invoices, from-bid, from-pay-app). */
function createInvoice(
	store: FamilyStore,
	ctx: ResourceContext,
	values: Record<string, unknown>,
	lines: Array<Record<string, unknown>>,
): Answer201 {
	const row = store.newRow(invoices, ctx.tenantId, values, Date.now());
	for (const line of lines) linesOf(row).push(newLine(store, row, line));
	recompute(row);
	store.table('invoices', ctx.tenantId).insert(row);
	return ok(ctx, store.present(invoices, row), 201);
}
type Answer201 = ReturnType<typeof ok>;

const conflict = (detail: string) => new ApiError(409, 'conflict', detail);

function draftInvoice(store: FamilyStore, ctx: ResourceContext): Row {
	const row = store.find(invoices, ctx.tenantId, ctx.id);
	store.guard(invoices, row, DRAFT_ONLY);
	return row;
}

function findLine(row: Row, lineId: number): InvoiceLine {
	const line = linesOf(row).find((l) => l.id === lineId);
	if (!line) throw new ApiError(404, 'not_found', `Line ${lineId} not found on invoice ${row.id}.`);
	return line;
}

function findPayment(row: Row, paymentId: number): Payment {
	const payment = paymentsOf(row).find((p) => p.id === paymentId);
	if (!payment)
		throw new ApiError(404, 'not_found', `Payment ${paymentId} not found on invoice ${row.id}.`);
	return payment;
}

const fieldError = (field: string, code: string, message: string) =>
	validationFailed([{ field, code, message }]);

/** Payment amount must be positive and keep the paid total within the invoice total. */
function checkAmount(row: Row, amount: string, except?: Payment): void {
	const cents = toCents(amount);
	if (cents <= 0) throw fieldError('amount', 'too_small', 'amount must be greater than 0.');
	const others = paymentsOf(row).reduce(
		(sum, p) => sum + (p.voidedAt || p === except ? 0 : toCents(p.amount)),
		0,
	);
	const room = toCents(row.v.total) - others;
	if (cents > room)
		throw fieldError('amount', 'too_large', `amount exceeds the balance due (${fromCents(room)}).`);
}

const paymentAnswer = (
	store: FamilyStore,
	ctx: ResourceContext,
	row: Row,
	payment: Payment,
	status = 200,
) =>
	ok(ctx, { payment: { ...payment }, invoice: store.present(invoices, row, false, false) }, status);

function payable(row: Row, what: string): void {
	if (row.v.status === 'voided') throw conflict(`Invoice ${row.id} is voided; ${what}.`);
}

export const invoices: FamilyDef = {
	name: 'invoices',
	nouns: { singular: 'Invoice', plural: 'invoices' },
	// openapi.json documents no invoice.* webhook events, so invoices emit none.
	scopes: { read: 'invoices:read', write: 'invoices:write', delete: 'invoices:delete' },
	ops: ['list', 'create', 'summary', 'get', 'patch', 'delete'],
	pagination: 'page',
	fields: INVOICE_FIELDS,
	recompute,
	decorate: (out, row) => ({ ...out, lineItems: sortedLines(row).map(presentLine) }),
	guards: { patch: DRAFT_ONLY, delete: { allowed: ['draft'], past: 'deleted' } },
	filters: [
		{ param: 'status', kind: 'csv' },
		{ param: 'projectId', kind: 'ref' },
		{ param: 'contactId', kind: 'ref' },
		{ param: 'dueBefore', kind: 'to', field: 'dueDate' },
		{ param: 'dueAfter', kind: 'from', field: 'dueDate' },
		{ param: 'q', kind: 'search' },
	],
	searchFields: ['invoiceNumber', 'notesToCustomer'],
	// data is a free-form object in openapi.json; the sandbox answers the same totals/by_status
	// shape as the other summaries.
	summary(rows) {
		const now = Date.now();
		const total = (r: Row) => r.v.total;
		const balance = (r: Row) => r.v.balanceDue;
		const open = rows.filter((r) => r.v.status === 'sent' || r.v.status === 'partial');
		return {
			totals: {
				count: rows.length,
				total: fromCents(sumCents(rows, total)),
				amount_paid: fromCents(sumCents(rows, (r) => r.v.amountPaid)),
				balance_due: fromCents(sumCents(open, balance)),
				overdue_count: open.filter((r) => r.v.dueDate && Date.parse(r.v.dueDate as string) < now)
					.length,
			},
			by_status: [...groupRows(rows, (r) => r.v.status, [total, balance], INVOICE_STATUSES)].map(
				([status, b]) => ({
					status,
					count: b.count,
					total: fromCents(b.cents[0]),
					balance_due: fromCents(b.cents[1]),
				}),
			),
		};
	},
	parseCreate(body) {
		const input = bodyObject(body);
		const errors: FieldError[] = [];
		let values: Record<string, unknown> = {};
		if (input.invoice === undefined)
			errors.push({ field: 'invoice', code: 'required', message: 'invoice is required.' });
		else if (
			typeof input.invoice !== 'object' ||
			input.invoice === null ||
			Array.isArray(input.invoice)
		) {
			errors.push({
				field: 'invoice',
				code: 'invalid_type',
				message: 'invoice must be an object.',
			});
		} else values = validateFields(INVOICE_FIELDS, input.invoice, 'create', 'invoice.', errors);
		const lines: Array<Record<string, unknown>> = [];
		if (input.lines !== undefined) {
			if (!Array.isArray(input.lines))
				errors.push({ field: 'lines', code: 'invalid_type', message: 'lines must be an array.' });
			else {
				input.lines.forEach((line, i) => {
					if (typeof line !== 'object' || line === null || Array.isArray(line)) {
						errors.push({
							field: `lines[${i}]`,
							code: 'invalid_type',
							message: `lines[${i}] must be an object.`,
						});
					} else lines.push(validateFields(LINE_FIELDS, line, 'create', `lines[${i}].`, errors));
				});
			}
		}
		if (errors.length) throw validationFailed(errors);
		return { ...values, __lines: lines };
	},
	afterCreate(row, values, store) {
		for (const line of values.__lines as Array<Record<string, unknown>>)
			linesOf(row).push(newLine(store, row, line));
		recompute(row);
	},
	actions: [
		{
			name: 'send',
			past: 'sent',
			scopes: ['invoices:send'],
			from: ['draft'],
			to: 'sent',
			body: [
				{ name: 'recipientEmail', type: 'email' },
				{ name: 'ccEmails', type: 'json' },
				{ name: 'subject', type: 'string' },
				{ name: 'body', type: 'string' },
				{ name: 'templateId', type: 'integer', min: 1 },
			],
			apply: (row, _b, now) => (row.v.sentAt = now),
		},
		{
			name: 'mark-sent',
			past: 'marked sent',
			scopes: ['invoices:send'],
			from: ['draft'],
			to: 'sent',
			apply: (row, _b, now) => (row.v.sentAt = now),
		},
		{
			name: 'mark-paid',
			past: 'marked paid',
			scopes: ['invoices:mark_paid'],
			from: ['sent', 'partial'],
			noopFrom: ['paid'],
			to: 'paid',
			body: [{ name: 'paidAt', type: 'datetime' }],
			// Records the outstanding balance as one payment, so amountPaid/balanceDue stay consistent.
			apply(row, body, now, _ctx, store) {
				const balance = toCents(row.v.balanceDue);
				const paidAt = (body.paidAt as string) ?? now;
				if (balance > 0) {
					paymentsOf(row).push({
						id: store!.nextId('invoice-payments'),
						invoiceId: row.id,
						amount: fromCents(balance),
						paidAt,
						method: 'other',
						reference: null,
						notes: 'Marked paid',
						voidedAt: null,
					});
				}
				row.x.markedPaid = true;
				row.v.paidAt = paidAt;
			},
		},
		{
			name: 'void',
			past: 'voided',
			scopes: ['invoices:void'],
			from: ['draft', 'sent', 'partial'],
			to: 'voided',
			body: [{ name: 'reason', type: 'string', minLength: 3, required: true }],
			apply: (row, body, now) => Object.assign(row.v, { voidedAt: now, voidReason: body.reason }),
		},
	],
	extraOps: [
		{
			method: 'POST',
			path: '/invoices/from-bid',
			scopes: ['invoices:write'],
			run(store, ctx) {
				const body = validateFields(
					[
						{ name: 'bidId', type: 'integer', min: 1, required: true },
						{ name: 'mode', type: 'string', enum: ['full', 'percent', 'fixed'], required: true },
						{ name: 'value', type: 'decimal' },
						{ name: 'dueDate', type: 'datetime' },
						{ name: 'notesToCustomer', type: 'string' },
					],
					ctx.body,
					'create',
				);
				const mode = body.mode as string;
				if (mode !== 'full' && body.value === undefined)
					throw fieldError('value', 'required', `value is required when mode is ${mode}.`);
				if (mode !== 'full' && Number(body.value) <= 0)
					throw fieldError('value', 'too_small', 'value must be greater than 0.');
				if (mode === 'percent' && Number(body.value) > 100)
					throw fieldError('value', 'too_large', 'value must be at most 100 (percent).');
				const bid = store.find(store.def('bids'), ctx.tenantId, body.bidId as number);
				if (bid.v.status !== 'accepted')
					throw conflict(`Bid ${bid.id} is ${bid.v.status}; only accepted bids can be invoiced.`);
				const bidTotal = toCents(bid.v.total);
				const cents =
					mode === 'full'
						? bidTotal
						: mode === 'percent'
							? percentOf(bidTotal, body.value)
							: toCents(body.value);
				if (mode === 'fixed' && cents > bidTotal)
					throw fieldError(
						'value',
						'too_large',
						`value exceeds the bid total (${fromCents(bidTotal)}).`,
					);
				const share =
					mode === 'full' ? '' : mode === 'percent' ? ` (${body.value}%)` : ' (partial)';
				return createInvoice(
					store,
					ctx,
					{
						projectId: bid.v.projectId,
						contactId: bid.v.contactId,
						sourceType: 'bid',
						sourceBidId: bid.id,
						percentOfBid: mode === 'percent' ? String(body.value) : mode === 'full' ? '100' : null,
						issueDate: new Date().toISOString(),
						dueDate: body.dueDate ?? null,
						notesToCustomer: body.notesToCustomer ?? null,
					},
					// The bid total already includes its tax: the line is not taxed again.
					[
						{
							description: `Bid ${bid.v.bidNumber}${bid.v.name ? ` – ${bid.v.name}` : ''}${share}`,
							quantity: '1',
							unitPrice: fromCents(cents),
							isTaxable: false,
						},
					],
				);
			},
		},
		{
			method: 'POST',
			path: '/invoices/from-pay-app',
			scopes: ['invoices:write'],
			run(store, ctx) {
				const body = validateFields(
					[
						{ name: 'payAppId', type: 'integer', min: 1, required: true },
						{ name: 'dueDate', type: 'datetime' },
						{ name: 'notesToCustomer', type: 'string' },
					],
					ctx.body,
					'create',
				);
				const payApp = store.find(store.def('pay-apps'), ctx.tenantId, body.payAppId as number);
				if (payApp.v.status !== 'approved')
					throw conflict(
						`Pay app ${payApp.id} is ${payApp.v.status}; only approved pay apps can be invoiced.`,
					);
				if (payApp.x.invoiceId)
					throw conflict(
						`Pay app ${payApp.id} was already invoiced (invoice ${payApp.x.invoiceId}).`,
					);
				const project = store.table('projects', ctx.tenantId).getLive(payApp.v.projectId as number);
				const answer = createInvoice(
					store,
					ctx,
					{
						projectId: payApp.v.projectId,
						contactId: project?.v.contactId ?? null,
						sourceType: 'pay_app',
						sourcePayAppId: payApp.id,
						issueDate: new Date().toISOString(),
						dueDate: body.dueDate ?? null,
						notesToCustomer: body.notesToCustomer ?? null,
					},
					[
						{
							description: `Pay application ${payApp.v.payAppNumber}`,
							quantity: '1',
							unitPrice: payApp.v.currentPaymentDue,
							isTaxable: false,
						},
					],
				);
				payApp.x.invoiceId = (answer.body as { data: { id: number } }).data.id;
				return answer;
			},
		},
		{
			method: 'POST',
			path: '/invoices/{id}/qbo/sync',
			scopes: ['invoices:write'],
			run(store, ctx) {
				store.find(invoices, ctx.tenantId, ctx.id);
				return ok(ctx, { queued: true }, 202);
			},
		},
		{
			method: 'POST',
			path: '/invoices/{id}/lines',
			scopes: ['invoices:write'],
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const values = validateFields(LINE_FIELDS, ctx.body, 'create');
				store.guard(invoices, row, DRAFT_ONLY);
				const line = newLine(store, row, values);
				store.mutate(ctx, invoices, row, () => linesOf(row).push(line));
				return ok(ctx, presentLine(line), 201);
			},
		},
		{
			method: 'POST',
			path: '/invoices/{id}/lines/reorder',
			scopes: ['invoices:write'],
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const body = validateFields(
					[{ name: 'orderedIds', type: 'json', required: true }],
					ctx.body,
					'create',
				);
				const ids = body.orderedIds;
				if (
					!Array.isArray(ids) ||
					!ids.length ||
					!ids.every((id) => Number.isInteger(id) && id > 0)
				) {
					throw fieldError(
						'orderedIds',
						'invalid_type',
						'orderedIds must be a non-empty array of positive integers.',
					);
				}
				const lines = linesOf(row);
				const known = new Set(lines.map((l) => l.id));
				if (
					ids.length !== lines.length ||
					new Set(ids).size !== ids.length ||
					!ids.every((id) => known.has(id))
				) {
					throw fieldError(
						'orderedIds',
						'invalid_value',
						`orderedIds must list every line of invoice ${row.id} exactly once (${[...known].join(', ') || 'none'}).`,
					);
				}
				store.guard(invoices, row, DRAFT_ONLY);
				store.mutate(ctx, invoices, row, () =>
					ids.forEach((id: number, i: number) => (lines.find((l) => l.id === id)!.order = i + 1)),
				);
				return ok(ctx, sortedLines(row).map(presentLine));
			},
		},
		{
			method: 'PATCH',
			path: '/invoices/{id}/lines/{lineId}',
			scopes: ['invoices:write'],
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const line = findLine(row, ctx.params.lineId);
				const values = validateFields(LINE_FIELDS, ctx.body, 'update');
				store.guard(invoices, row, DRAFT_ONLY);
				store.mutate(ctx, invoices, row, () => {
					const { position, deletedAt: _d, ...rest } = values;
					Object.assign(line, rest, position === undefined ? {} : { order: position });
				});
				return ok(ctx, presentLine(line));
			},
		},
		{
			method: 'DELETE',
			path: '/invoices/{id}/lines/{lineId}',
			scopes: ['invoices:write'],
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const line = findLine(row, ctx.params.lineId);
				draftInvoice(store, ctx);
				store.mutate(ctx, invoices, row, () => linesOf(row).splice(linesOf(row).indexOf(line), 1));
				return { status: 204 };
			},
		},
		{
			method: 'GET',
			path: '/invoices/{id}/payments',
			scopes: ['invoices:read'],
			// Not paginated in openapi.json: the whole ledger, voided rows included, oldest first.
			run: (store, ctx) =>
				ok(
					ctx,
					paymentsOf(store.find(invoices, ctx.tenantId, ctx.id)).map((p) => ({ ...p })),
				),
		},
		{
			method: 'POST',
			path: '/invoices/{id}/payments',
			scopes: ['invoices:mark_paid'],
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const values = validateFields(PAYMENT_FIELDS, ctx.body, 'create');
				const status = row.v.status as string;
				if (status !== 'sent' && status !== 'partial') {
					const why = status === 'draft' ? ' (send it first)' : '';
					throw conflict(
						`Invoice ${row.id} is ${status}; only sent or partial invoices can take payments${why}.`,
					);
				}
				checkAmount(row, values.amount as string);
				const payment: Payment = {
					id: store.nextId('invoice-payments'),
					invoiceId: row.id,
					amount: fromCents(toCents(values.amount)),
					paidAt: (values.paidAt as string) ?? new Date().toISOString(),
					method: (values.method as string) ?? null,
					reference: (values.reference as string) ?? null,
					notes: (values.notes as string) ?? null,
					voidedAt: null,
				};
				store.mutate(ctx, invoices, row, () => {
					paymentsOf(row).push(payment);
					if (toCents(row.v.balanceDue) === toCents(payment.amount)) row.v.paidAt = payment.paidAt;
				});
				return paymentAnswer(store, ctx, row, payment, 201);
			},
		},
		{
			method: 'PATCH',
			path: '/invoices/{id}/payments/{paymentId}',
			scopes: ['invoices:mark_paid'],
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const payment = findPayment(row, ctx.params.paymentId);
				const values = validateFields(PAYMENT_FIELDS, ctx.body, 'update');
				payable(row, 'its payments cannot be edited');
				if (payment.voidedAt)
					throw conflict(`Payment ${payment.id} is voided; only active payments can be edited.`);
				if (values.amount !== undefined) checkAmount(row, values.amount as string, payment);
				store.mutate(ctx, invoices, row, () => {
					if (values.amount !== undefined) values.amount = fromCents(toCents(values.amount));
					if (values.paidAt === null) delete values.paidAt;
					Object.assign(payment, values);
				});
				return paymentAnswer(store, ctx, row, payment);
			},
		},
		{
			method: 'DELETE',
			path: '/invoices/{id}/payments/{paymentId}',
			scopes: ['invoices:mark_paid'],
			// "Voids rather than erases": the row stays in the ledger with voidedAt; the answer is 200.
			run(store, ctx) {
				const row = store.find(invoices, ctx.tenantId, ctx.id);
				const payment = findPayment(row, ctx.params.paymentId);
				payable(row, 'its payments cannot be voided');
				if (payment.voidedAt) throw conflict(`Payment ${payment.id} is already voided.`);
				store.mutate(ctx, invoices, row, () => {
					payment.voidedAt = new Date().toISOString();
					row.x.markedPaid = false;
				});
				return paymentAnswer(store, ctx, row, payment);
			},
		},
	],
	seedInput(i, random) {
		const issued = Date.UTC(2024, 0, 1) + i * 3_600_000;
		return {
			projectId: null,
			contactId: null,
			status: pick(random, ['draft', 'sent', 'sent', 'partial', 'paid', 'paid', 'voided']),
			issueDate: new Date(issued).toISOString(),
			dueDate: new Date(issued + 30 * 86_400_000).toISOString(),
			taxRate: pick(random, ['0', '8.25']),
			notesToCustomer: i % 5 === 0 ? 'Thank you for your business.' : null,
		};
	},
	afterSeed(row, random, store) {
		const n = 1 + Math.floor(random() * 2);
		for (let k = 0; k < n; k++) {
			linesOf(row).push(
				newLine(store, row, {
					description: pick(random, ['Progress billing', 'Materials', 'Labor', 'Equipment rental']),
					quantity: '1',
					unitPrice: seedAmount(random, 500, 25_000),
				}),
			);
		}
		recompute(row);
		const status = row.v.status;
		if (status === 'partial' || status === 'paid') {
			const total = toCents(row.v.total);
			const cents = status === 'paid' ? total : Math.max(1, Math.round(total / 2));
			paymentsOf(row).push({
				id: store.nextId('invoice-payments'),
				invoiceId: row.id,
				amount: fromCents(cents),
				paidAt: row.v.issueDate as string,
				method: 'check',
				reference: null,
				notes: null,
				voidedAt: null,
			});
			recompute(row);
		}
	},
};
