/**
 * Webhook endpoints managed by hand (the Trigger manages its own): CRUD, Rotate Secret and Get
 * Deliveries through n8n-core's engine against the sandbox, and the event types offered, which
 * must be exactly those BuildWorkPro accepts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

// Failed deliveries are not retried, so no retry is pending when a test ends.
const env = useSandbox({ webhooks: { retryDelaysMs: [] } });

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);
/** A URL nothing listens on: deliveries to it fail at once. */
const HOOK_URL = 'http://127.0.0.1:9/hooks/buildworkpro';

async function endpoint(
	eventTypes = ['contact.created'],
): Promise<{ id: number; signingSecret: string }> {
	const created = await api('POST', '/webhook-endpoints', { url: HOOK_URL, eventTypes });
	env.sandbox.clearRequestLog();
	return created;
}

describe('Webhook Endpoint: CRUD', () => {
	it('Create sends the URL, the event types and only the fields added, and outputs the endpoint with its signing secret', async () => {
		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'create',
			url: 'https://hooks.example.com/buildworkpro',
			eventTypes: ['bid.accepted', 'project.status_changed'],
			additionalFields: { description: 'Scheduling board' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				url: 'https://hooks.example.com/buildworkpro',
				eventTypes: ['bid.accepted', 'project.status_changed'],
				description: 'Scheduling board',
				isActive: true,
				signingSecret: expect.stringMatching(/^whsec_/),
			}),
		]);
		const post = apiRequests(env.sandbox, 'POST').at(-1);
		expect(post?.path).toBe('/api/v1/webhook-endpoints');
		expect(post?.body).toEqual({
			url: 'https://hooks.example.com/buildworkpro',
			eventTypes: ['bid.accepted', 'project.status_changed'],
			description: 'Scheduling board',
		});
	});

	it('Create with a URL BuildWorkPro refuses: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'create',
			url: 'hooks.example.com',
			eventTypes: ['contact.created'],
		});

		expect(result.error?.message).toMatch(/^url\b/i);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('Get, Update and Delete work by Webhook Endpoint ID; afterwards Get finds nothing', async () => {
		const { id, signingSecret } = await endpoint();

		const got = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'get',
			webhookEndpointId: String(id),
		});
		expect(got.json).toEqual([
			expect.objectContaining({ id, url: HOOK_URL, eventTypes: ['contact.created'] }),
		]);
		expect(JSON.stringify(got.json)).not.toContain(signingSecret);

		const updated = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'update',
			webhookEndpointId: String(id),
			updateFields: {
				eventTypes: ['contact.updated', 'contact.deleted'],
				isActive: false,
				description: '',
			},
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			expect.objectContaining({
				id,
				eventTypes: ['contact.updated', 'contact.deleted'],
				isActive: false,
				description: null,
			}),
		]);
		expect(apiRequests(env.sandbox, 'PATCH')[0].body).toEqual({
			eventTypes: ['contact.updated', 'contact.deleted'],
			isActive: false,
			description: null,
		});

		const deleted = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'delete',
			webhookEndpointId: String(id),
		});
		expect(deleted.json).toEqual([{ id, deleted: true }]);
		const gone = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'get',
			webhookEndpointId: String(id),
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});

	it('Update with nothing under Update Fields is refused before anything is sent', async () => {
		const { id } = await endpoint();

		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'update',
			webhookEndpointId: String(id),
			updateFields: {},
		});

		expect(result.error?.message).toBe('Update Fields is empty: there is nothing to update');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('a Webhook Endpoint ID that is not a number is refused before anything is sent', async () => {
		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'rotateSecret',
			webhookEndpointId: 'whk_12',
		});

		expect(result.error?.message).toBe(
			'Webhook Endpoint ID must be a positive whole number, but it is "whk_12"',
		);
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Webhook Endpoint: Get Many, Rotate Secret, Get Deliveries', () => {
	it('Get Many reads the whole list in one request; Limit cuts it, Return All keeps it', async () => {
		for (let i = 0; i < 4; i++) await endpoint();

		const all = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json).toHaveLength(4);
		const some = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(some.json).toHaveLength(2);

		const lists = apiRequests(env.sandbox, 'GET');
		expect(lists.map((entry) => `${entry.path} ${JSON.stringify(entry.query)}`)).toEqual([
			'/api/v1/webhook-endpoints {}',
			'/api/v1/webhook-endpoints {}',
		]);
	});

	it('Rotate Secret outputs a new signing secret, not the one shown at creation', async () => {
		const { id, signingSecret } = await endpoint();

		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'rotateSecret',
			webhookEndpointId: String(id),
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ signingSecret: expect.stringMatching(/^whsec_/) }]);
		expect(result.json[0].signingSecret).not.toBe(signingSecret);
		expect(apiRequests(env.sandbox, 'POST').map((entry) => entry.path)).toEqual([
			`/api/v1/webhook-endpoints/${id}/rotate-secret`,
		]);
	});

	it("Get Deliveries outputs the endpoint's deliveries, one item each, and only that endpoint's", async () => {
		const { id } = await endpoint(['contact.created']);
		const other = await endpoint(['contact.created']);
		for (const firstName of ['Ann', 'Bo', 'Cy'])
			await api('POST', '/contacts', { type: 'customer', firstName });

		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'getDeliveries',
			webhookEndpointId: String(id),
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(
			result.json.every(
				(delivery) => delivery.endpointId === id && String(delivery.eventId).startsWith('evt_'),
			),
		).toBe(true);
		expect(apiRequests(env.sandbox, 'GET').at(-1)?.path).toBe(
			`/api/v1/webhook-endpoints/${id}/deliveries`,
		);

		const limited = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'getDeliveries',
			webhookEndpointId: String(other.id),
			returnAll: false,
			limit: 1,
		});
		expect(limited.json).toEqual([expect.objectContaining({ endpointId: other.id })]);
	});

	it('Get Deliveries of an endpoint that does not exist shows the 404', async () => {
		const result = await runResource(env.sandbox, 'webhookEndpoint', {
			operation: 'getDeliveries',
			webhookEndpointId: '999999',
			returnAll: true,
		});

		expect(result.error?.description).toContain('HTTP status: 404');
	});
});

describe('the event types offered', () => {
	const sharedDir =
		process.env.BWP_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'buildworkpro');
	const openapiPath = join(sharedDir, 'openapi.json');
	const withSpec = existsSync(openapiPath) ? it : it.skip;
	const { properties } = new BuildWorkPro().description;
	const shownFor = (resource: string, operation: string) =>
		properties.filter(
			(p) =>
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		);
	const values = (property: INodeProperties | undefined) =>
		((property?.options ?? []) as INodePropertyOptions[]).map((option) => option.value).sort();
	const child = (collection: INodeProperties | undefined, name: string) =>
		(collection?.options as INodeProperties[] | undefined)?.find((p) => p.name === name);

	withSpec(
		"are exactly openapi.json's eventTypes enum, on Create, Update and the delivery filter; delivery statuses likewise",
		() => {
			const openapi = JSON.parse(readFileSync(openapiPath, 'utf8'));
			const createEnum = [
				...openapi.paths['/webhook-endpoints'].post.requestBody.content['application/json'].schema
					.properties.eventTypes.items.enum,
			].sort();
			const updateEnum = [
				...openapi.paths['/webhook-endpoints/{id}'].patch.requestBody.content['application/json']
					.schema.properties.eventTypes.items.enum,
			].sort();
			const statusEnum = [
				...openapi.paths['/webhook-deliveries'].get.parameters.find(
					(p: { name: string }) => p.name === 'status',
				).schema.enum,
			].sort();

			const create = shownFor('webhookEndpoint', 'create').find((p) => p.name === 'eventTypes');
			expect(create).toMatchObject({ type: 'multiOptions', required: true });
			expect(values(create)).toEqual(createEnum);
			expect(
				values(
					child(
						shownFor('webhookEndpoint', 'update').find((p) => p.name === 'updateFields'),
						'eventTypes',
					),
				),
			).toEqual(updateEnum);
			const filters = shownFor('webhookDelivery', 'getAll').find((p) => p.name === 'filters');
			expect(values(child(filters, 'eventType'))).toEqual(createEnum);
			expect(values(child(filters, 'status'))).toEqual(statusEnum);
		},
	);
});
