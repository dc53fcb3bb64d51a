/**
 * What Simplify (node version 2, Get and Get Many) keeps of a record: at most ten fields people
 * look at first (the ID, names and number, status, money totals, key dates and the IDs that link
 * the record), the same whichever of the two operations returned it. Only resources whose records
 * have more than ten fields are listed; the others always come whole.
 *
 * Lists that offer `compact=true` (openapi.json) promise "id + key fields only" without naming
 * them. Their items are still documented as the full record schema, so a compact item carries at
 * least the schema's required fields: for those resources every field below is a required one,
 * and Get Many asks for compact items (smaller pages, same fields after Simplify).
 */

/** The parameter the node reads, from version 2 on. */
export const SIMPLIFY_PARAMETER = 'simplify';

/** The node version that has Simplify. */
export const SIMPLIFY_SINCE_VERSION = 2;

/** The most fields Simplify keeps of a record. */
export const MAX_SIMPLIFIED_FIELDS = 10;

/** Resource value (resources/index.ts) → the fields Simplify keeps, in output order. */
export const SIMPLIFIED_FIELDS: Readonly<Record<string, readonly string[]>> = {
	// 14 fields (method, path, status, timing and who made the request).
	auditLog: [
		'id',
		'createdAt',
		'method',
		'path',
		'status',
		'durationMs',
		'errorCode',
		'requestId',
		'apiKeyId',
		'userId',
	],
	// 25 documented fields (more returned): the bid's name is not in the schema, so not kept.
	bid: [
		'id',
		'bidNumber',
		'status',
		'total',
		'validUntil',
		'sentAt',
		'acceptedAt',
		'contactId',
		'leadId',
		'projectId',
	],
	// 14 fields.
	changeOrder: [
		'id',
		'changeOrderNumber',
		'title',
		'status',
		'totalAmount',
		'reason',
		'createdAt',
		'approvedAt',
		'rejectedAt',
		'projectId',
	],
	// 9 documented response fields, but a contact comes back with the 5 more it can be given
	// (mobile, website, notes, position, parentContactId): Simplify keeps the 9, which are also
	// what a compact item holds.
	contact: [
		'id',
		'firstName',
		'lastName',
		'companyName',
		'email',
		'phone',
		'type',
		'createdAt',
		'updatedAt',
	],
	// 11 fields: storagePath is internal, updatedAt rarely useful.
	document: [
		'id',
		'originalFilename',
		'mimeType',
		'fileSize',
		'category',
		'description',
		'entityType',
		'entityId',
		'createdAt',
	],
	// 16 documented fields (more returned; Get adds the line items).
	invoice: [
		'id',
		'invoiceNumber',
		'status',
		'total',
		'amountPaid',
		'balanceDue',
		'issueDate',
		'dueDate',
		'projectId',
		'contactId',
	],
	// 12 fields: the job's parameters are left out, its result kept (where the output is).
	job: [
		'id',
		'type',
		'resourceType',
		'status',
		'progress',
		'result',
		'errorMessage',
		'createdAt',
		'completedAt',
		'expiresAt',
	],
	// 17 fields: the site address is left out (the city, state and ZIP are not even required).
	lead: [
		'id',
		'name',
		'stageId',
		'estimatedValue',
		'probability',
		'expectedCloseDate',
		'source',
		'createdAt',
		'contactId',
		'assignedTo',
	],
	// 18 documented fields (more returned).
	payApp: [
		'id',
		'payAppNumber',
		'status',
		'periodStart',
		'periodEnd',
		'revisedContractSum',
		'totalCompleted',
		'retainageAmount',
		'currentPaymentDue',
		'projectId',
	],
	// 15 documented fields (more returned).
	product: [
		'id',
		'sku',
		'name',
		'type',
		'unit',
		'costPrice',
		'sellPrice',
		'isKit',
		'isActive',
		'categoryId',
	],
	// 21 fields: the site address is left out (the city, state and ZIP are not even required).
	project: [
		'id',
		'projectNumber',
		'name',
		'status',
		'contractValue',
		'startDate',
		'expectedEndDate',
		'contactId',
		'bidId',
		'assignedTo',
	],
	// 16 fields: notes, materials, visitors, tags and the location are left out.
	siteLog: [
		'id',
		'logDate',
		'title',
		'personnelCount',
		'workPerformed',
		'issues',
		'isReviewed',
		'createdAt',
		'projectId',
	],
	// 15 fields: the location is left out.
	timeEntry: [
		'id',
		'date',
		'hours',
		'hourlyRate',
		'totalCost',
		'description',
		'isReviewed',
		'projectId',
		'userId',
		'taskId',
	],
	// 13 fields: the response's body and headers are left out.
	webhookDelivery: [
		'id',
		'eventId',
		'endpointId',
		'status',
		'attemptCount',
		'responseStatus',
		'errorMessage',
		'createdAt',
		'lastAttemptedAt',
		'nextAttemptAt',
	],
	// 11 fields: updatedAt is left out.
	webhookEndpoint: [
		'id',
		'url',
		'description',
		'eventTypes',
		'isActive',
		'consecutiveFailures',
		'lastDeliveredAt',
		'disabledAt',
		'disabledReason',
		'createdAt',
	],
};

/**
 * Resources whose Get Many asks for `compact=true` with Simplify on: the lists that offer it
 * (openapi.json). Invoices, jobs, the audit log and webhooks offer no compact items.
 */
export const COMPACT_LISTS: ReadonlySet<string> = new Set([
	'bid',
	'changeOrder',
	'contact',
	'document',
	'lead',
	'payApp',
	'product',
	'project',
	'siteLog',
	'timeEntry',
]);

/** The resources whose Get and Get Many have the Simplify switch (version 2). */
export function resourcesWithSimplify(): string[] {
	return Object.keys(SIMPLIFIED_FIELDS);
}

/** The fields Simplify keeps of a resource's records; undefined when it has no Simplify. */
export function simplifiedFieldsOf(resource: string): readonly string[] | undefined {
	return Object.prototype.hasOwnProperty.call(SIMPLIFIED_FIELDS, resource)
		? SIMPLIFIED_FIELDS[resource]
		: undefined;
}

/** The fields in words, for descriptions: 'id, bidNumber, status, total, …' ('' when none). */
export function simplifiedFieldsText(resource: string): string {
	return (simplifiedFieldsOf(resource) ?? []).join(', ');
}
