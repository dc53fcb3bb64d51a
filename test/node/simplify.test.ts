/**
 * Simplify (node version 2): Get and Get Many of resources with many fields output at most ten
 * chosen fields, the same for both operations, and Get Many asks for compact items where the list
 * offers them; with Simplify off, and always in version 1, records come whole. Through n8n-core's
 * engine against the sandbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	COMPACT_LISTS,
	MAX_SIMPLIFIED_FIELDS,
	SIMPLIFIED_FIELDS,
	resourcesWithSimplify,
	simplifiedFieldsText,
} from '../../nodes/BuildWorkPro/routing/simplifiedFields';
import { RESOURCES } from '../../nodes/BuildWorkPro/resources';
import { simplifyRecord } from '../../nodes/BuildWorkPro/routing/simplify';
import { Receiver } from '../sandbox/receiver';
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const repoRoot = resolve(__dirname, '..', '..');
const openapiPath = resolve(
	process.env.BWP_SHARED_DIR ?? resolve(repoRoot, '..', 'shared', 'buildworkpro'),
	'openapi.json',
);

describe('simplifyRecord', () => {
	it('keeps only the listed fields, in the order of the list', () => {
		const record = { updatedAt: 'u', name: 'Gym', id: 7, status: 'open', notes: 'long text' };
		const simplified = simplifyRecord(record, ['id', 'name', 'status']);
		expect(simplified).toEqual({ id: 7, name: 'Gym', status: 'open' });
		expect(Object.keys(simplified)).toEqual(['id', 'name', 'status']);
	});

	it('leaves out a field the record lacks instead of inventing it, and keeps nulls', () => {
		expect(simplifyRecord({ id: 1, total: null }, ['id', 'total', 'dueDate'])).toEqual({
			id: 1,
			total: null,
		});
	});
});

describe('the fields Simplify keeps', () => {
	const resourceValues = RESOURCES.map((resource) => String(resource.option.value));
	const operationsOf = (value: string) =>
		RESOURCES.find((resource) => resource.option.value === value)!.operations.map((operation) =>
			String(operation.option.value),
		);

	it.each(resourcesWithSimplify())(
		'%s: at most ten, the ID first, each once, and the resource has Get or Get Many',
		(resource) => {
			const fields = SIMPLIFIED_FIELDS[resource];
			expect(resourceValues).toContain(resource);
			expect(fields.length).toBeLessThanOrEqual(MAX_SIMPLIFIED_FIELDS);
			expect(fields[0]).toBe('id');
			expect(new Set(fields).size).toBe(fields.length);
			expect(
				operationsOf(resource).filter((value) => ['get', 'getAll'].includes(value)),
			).not.toEqual([]);
		},
	);

	it('asks for compact items only for resources Simplify applies to', () => {
		for (const resource of COMPACT_LISTS) expect(resourcesWithSimplify()).toContain(resource);
	});

	it('reads as a list of field names for descriptions', () => {
		expect(simplifiedFieldsText('bid')).toMatch(/^id, bidNumber, status, total, /);
		expect(simplifiedFieldsText('leadStage')).toBe('');
	});

	const withSpec = existsSync(openapiPath) ? describe : describe.skip;
	withSpec(
		`as openapi.json documents the records${existsSync(openapiPath) ? '' : ' (skipped: not found)'}`,
		() => {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			const openapi = existsSync(openapiPath)
				? JSON.parse(readFileSync(openapiPath, 'utf8'))
				: ({} as any);
			const SCHEMA: Record<string, { schema: string; list: string }> = {
				auditLog: { schema: 'ApiAuditLog', list: '/api-audit-logs' },
				bid: { schema: 'Bid', list: '/bids' },
				changeOrder: { schema: 'ChangeOrder', list: '/change-orders' },
				contact: { schema: 'Contact', list: '/contacts' },
				document: { schema: 'Document', list: '/documents' },
				invoice: { schema: 'Invoice', list: '/invoices' },
				job: { schema: 'Job', list: '/jobs' },
				lead: { schema: 'Lead', list: '/leads' },
				payApp: { schema: 'PayApp', list: '/pay-apps' },
				product: { schema: 'Product', list: '/products' },
				project: { schema: 'Project', list: '/projects' },
				siteLog: { schema: 'SiteLog', list: '/site-logs' },
				timeEntry: { schema: 'TimeEntry', list: '/time-entries' },
				webhookDelivery: { schema: 'WebhookDeliveryFull', list: '/webhook-deliveries' },
				webhookEndpoint: { schema: 'WebhookEndpoint', list: '/webhook-endpoints' },
			};
			const schemaOf = (resource: string) =>
				openapi.components.schemas[SCHEMA[resource].schema] as {
					properties: IDataObject;
					required?: string[];
				};
			const offersCompact = (resource: string) =>
				(
					(openapi.paths[SCHEMA[resource].list].get.parameters ?? []) as Array<{ name?: string }>
				).some((parameter) => parameter.name === 'compact');

			it.each(resourcesWithSimplify())('%s: every kept field is a documented one', (resource) => {
				const { properties } = schemaOf(resource);
				for (const field of SIMPLIFIED_FIELDS[resource])
					expect(Object.keys(properties)).toContain(field);
			});

			it.each(resourcesWithSimplify())(
				'%s: Get Many asks for compact items exactly when the list offers them, and a compact item (the required fields) holds every kept field',
				(resource) => {
					expect(COMPACT_LISTS.has(resource)).toBe(offersCompact(resource));
					if (!COMPACT_LISTS.has(resource)) return;
					for (const field of SIMPLIFIED_FIELDS[resource])
						expect(schemaOf(resource).required).toContain(field);
				},
			);
		},
	);

	it('docs/operations.md names the fields of every resource (run npm run docs:operations)', () => {
		const page = readFileSync(resolve(repoRoot, 'docs', 'operations.md'), 'utf8');
		for (const resource of resourcesWithSimplify())
			expect(page).toContain(`Simplify returns: ${simplifiedFieldsText(resource)}`);
	});
});

/* ------------------------------------------------------------------------------------------ */

// Failed deliveries are not retried, so a delivery is settled after one attempt.
const env = useSandbox({ webhooks: { retryDelaysMs: [] } });
const api = sandboxApi(env);
let receiver: Receiver;

interface Case {
	resource: string;
	/** The API's path of the family. */
	path: string;
	/** The record ID parameter of Get; absent when the resource has no Get. */
	idParameter?: string;
	/** Creates a record and returns its ID. */
	create: () => Promise<number | string>;
}

async function seeded(family: string): Promise<number> {
	env.sandbox.seedFamily(family, 2);
	const [first] = (await api('GET', `/${family}?limit=1`)) as IDataObject[];
	return first.id as number;
}

async function settledJob(): Promise<string> {
	const { job_id: id } = (await api('POST', '/contacts/exports', { filters: {} })) as {
		job_id: string;
	};
	const deadline = Date.now() + 5_000;
	for (;;) {
		const job = (await api('GET', `/jobs/${id}`)) as IDataObject;
		if (!['queued', 'running'].includes(String(job.status))) return id;
		if (Date.now() > deadline) throw new Error('the export job did not finish');
		await new Promise((done) => setTimeout(done, 20));
	}
}

/** The audit log records the API's requests: there is an entry as soon as anything was asked. */
async function auditEntry(): Promise<number> {
	await api('GET', '/contacts?limit=1');
	const [entry] = (await api('GET', '/api-audit-logs?limit=1')) as IDataObject[];
	return entry.id as number;
}

let endpointId: number | undefined;
async function endpointAtReceiver(): Promise<number> {
	endpointId ??= (
		(await api('POST', '/webhook-endpoints', {
			url: receiver.url,
			eventTypes: ['contact.created'],
		})) as { id: number }
	).id;
	return endpointId;
}

async function settledDelivery(): Promise<number> {
	await endpointAtReceiver();
	await api('POST', '/contacts', { type: 'customer', firstName: 'Delivered' });
	await receiver.waitFor(1);
	const deadline = Date.now() + 5_000;
	while (env.sandbox.deliveries().some((delivery) => delivery.state === 'pending')) {
		if (Date.now() > deadline) throw new Error('the delivery is still pending');
		await new Promise((done) => setTimeout(done, 10));
	}
	const [delivery] = (await api('GET', '/webhook-deliveries?limit=1')) as IDataObject[];
	return delivery.id as number;
}

const CASES: Case[] = [
	{ resource: 'auditLog', path: '/api-audit-logs', create: auditEntry },
	{ resource: 'bid', path: '/bids', idParameter: 'bidId', create: () => seeded('bids') },
	{
		resource: 'changeOrder',
		path: '/change-orders',
		idParameter: 'changeOrderId',
		create: () => seeded('change-orders'),
	},
	{
		resource: 'contact',
		path: '/contacts',
		idParameter: 'contactId',
		create: () => seeded('contacts'),
	},
	{
		resource: 'document',
		path: '/documents',
		idParameter: 'documentId',
		create: () => seeded('documents'),
	},
	{
		resource: 'invoice',
		path: '/invoices',
		idParameter: 'invoiceId',
		create: () => seeded('invoices'),
	},
	{ resource: 'job', path: '/jobs', idParameter: 'jobId', create: settledJob },
	{ resource: 'lead', path: '/leads', idParameter: 'leadId', create: () => seeded('leads') },
	{
		resource: 'payApp',
		path: '/pay-apps',
		idParameter: 'payAppId',
		create: () => seeded('pay-apps'),
	},
	{
		resource: 'product',
		path: '/products',
		idParameter: 'productId',
		create: () => seeded('products'),
	},
	{
		resource: 'project',
		path: '/projects',
		idParameter: 'projectId',
		create: () => seeded('projects'),
	},
	{
		resource: 'siteLog',
		path: '/site-logs',
		idParameter: 'siteLogId',
		create: () => seeded('site-logs'),
	},
	{ resource: 'timeEntry', path: '/time-entries', create: () => seeded('time-entries') },
	{
		resource: 'webhookDelivery',
		path: '/webhook-deliveries',
		idParameter: 'webhookDeliveryId',
		create: settledDelivery,
	},
	{
		resource: 'webhookEndpoint',
		path: '/webhook-endpoints',
		idParameter: 'webhookEndpointId',
		create: endpointAtReceiver,
	},
];

beforeAll(async () => {
	receiver = await new Receiver().start();
});
afterAll(async () => {
	await receiver.close();
});

it('covers every resource Simplify applies to', () => {
	expect(CASES.map((entry) => entry.resource).sort()).toEqual(resourcesWithSimplify().sort());
});

describe.each(CASES)('$resource', ({ resource, path, idParameter, create }) => {
	const fields = SIMPLIFIED_FIELDS[resource];
	let id: number | string;

	beforeAll(async () => {
		id = await create();
	});

	async function get(typeVersion: number, simplify?: boolean): Promise<IDataObject> {
		const parameters: INodeParameters = { operation: 'get', [idParameter!]: String(id) };
		if (simplify !== undefined) parameters.simplify = simplify;
		const result = await runResource(env.sandbox, resource, parameters, { typeVersion });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		return result.json[0];
	}

	/** The record among Get Many's items (Return All), and whether the list was asked for compact items. */
	async function fromGetMany(
		typeVersion: number,
		simplify?: boolean,
	): Promise<{ records: IDataObject[]; record: IDataObject | undefined; askedCompact: boolean[] }> {
		env.sandbox.clearRequestLog();
		const parameters: INodeParameters = { operation: 'getAll', returnAll: true };
		if (simplify !== undefined) parameters.simplify = simplify;
		const result = await runResource(env.sandbox, resource, parameters, { typeVersion });
		expect(result.error).toBeUndefined();
		const pages = apiRequests(env.sandbox, 'GET').filter(
			(entry) => entry.path === `/api/v1${path}`,
		);
		expect(pages.length).toBeGreaterThan(0);
		return {
			records: result.json,
			record: result.json.find((item) => item.id === id),
			askedCompact: pages.map((entry) => entry.query.compact === 'true'),
		};
	}

	/** A spec of Get, for the resources that have one (the audit log and time entries have not). */
	const withGet = (name: string, spec: () => Promise<void>) => {
		if (idParameter) it(name, spec);
	};

	withGet(
		'Get with Simplify: only the chosen fields (at most ten, the ID among them), in their order',
		async () => {
			const simplified = await get(2, true);
			expect(simplified.id).toBe(id);
			expect(Object.keys(simplified).length).toBeLessThanOrEqual(10);
			expect(Object.keys(simplified)).toEqual(fields.filter((field) => field in simplified));
			// A field is left out only when the record itself lacks it.
			const whole = await get(1);
			expect(simplified).toEqual(simplifyRecord(whole, fields));
		},
	);

	it(`Get Many with Simplify on (the default): the chosen fields of each record${COMPACT_LISTS.has(resource) ? ', asking the list for compact items' : ' (the list offers no compact items: none asked for)'}`, async () => {
		const { records, record, askedCompact } = await fromGetMany(2);
		expect(record).toBeDefined();
		for (const item of records) {
			expect(item.id).toBeDefined();
			expect(Object.keys(item).length).toBeLessThanOrEqual(10);
			expect(Object.keys(item)).toEqual(fields.filter((field) => field in item));
		}
		expect(askedCompact.every((asked) => asked === COMPACT_LISTS.has(resource))).toBe(true);
	});

	withGet('Get and Get Many with Simplify output the same record the same way', async () => {
		const fromGet = await get(2, true);
		const { record } = await fromGetMany(2, true);
		expect(Object.keys(record!)).toEqual(Object.keys(fromGet));
		expect(record).toEqual(fromGet);
	});

	withGet('Get with Simplify off: the whole record, as version 1 outputs it', async () => {
		const whole = await get(2, false);
		expect(whole).toEqual(await get(1));
		expect(Object.keys(whole).length).toBeGreaterThan(Object.keys(await get(2, true)).length);
	});

	it('Get Many with Simplify off: whole records as version 1 outputs them, no compact items asked for', async () => {
		const off = await fromGetMany(2, false);
		const v1 = await fromGetMany(1);
		expect(off.record).toBeDefined();
		expect(off.record).toEqual(v1.record);
		expect(Object.keys(off.record!).length).toBeGreaterThan(MAX_SIMPLIFIED_FIELDS);
		expect(off.askedCompact).not.toContain(true);
	});

	withGet(
		'version 1 outputs the record as BuildWorkPro returns it, whatever its parameters say',
		async () => {
			expect(await get(1, true)).toEqual(await api('GET', `${path}/${id}`));
		},
	);

	it('version 1 Get Many outputs the records whole and never asks for compact items', async () => {
		const v1 = await fromGetMany(1, true);
		const listed = (await api('GET', `${path}?limit=100`)) as IDataObject[];
		expect(v1.record).toBeDefined();
		expect(v1.record).toEqual(listed.find((item) => item.id === id));
		expect(v1.askedCompact).not.toContain(true);
	});
});
