/**
 * The trigger harness drives a webhook trigger like n8n: a throwaway "Gadgets Trigger"
 * (defined here) registers its webhook with a local fake API and verifies signed deliveries.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialType,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { createTriggerHarness, registerCredentialType, registerNodeType } from './index';

const gadgetsApi: ICredentialType = {
	name: 'gadgetsApi',
	displayName: 'Gadgets API',
	properties: [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	},
};

let webhookCalls = 0;

class GadgetsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gadgets Trigger',
		name: 'gadgetsTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Throwaway webhook trigger for the harness self-test',
		defaults: { name: 'Gadgets Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'gadgetsApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [{ displayName: 'Label', name: 'label', type: 'string', default: 'gadgets' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				if (data.hookId === undefined) return false;
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('gadgetsApi');
				const hooks = (await this.helpers.httpRequestWithAuthentication.call(this, 'gadgetsApi', {
					method: 'GET',
					url: `${baseUrl}/hooks`,
					json: true,
				})) as Array<{ id: number; url: string }>;
				return hooks.some(
					(hook) => hook.id === data.hookId && hook.url === this.getNodeWebhookUrl('default'),
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('gadgetsApi');
				const created = (await this.helpers.httpRequestWithAuthentication.call(this, 'gadgetsApi', {
					method: 'POST',
					url: `${baseUrl}/hooks`,
					body: { url: this.getNodeWebhookUrl('default'), label: this.getNodeParameter('label') },
					json: true,
				})) as { id: number; secret: string };
				const data = this.getWorkflowStaticData('node');
				data.hookId = created.id;
				data.secret = created.secret;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('gadgetsApi');
				await this.helpers.httpRequestWithAuthentication.call(this, 'gadgetsApi', {
					method: 'DELETE',
					url: `${baseUrl}/hooks/${String(data.hookId)}`,
				});
				delete data.hookId;
				delete data.secret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		webhookCalls += 1;
		const request = this.getRequestObject() as unknown as { rawBody: Buffer };
		const { secret } = this.getWorkflowStaticData('node') as { secret?: string };
		const expected = createHmac('sha256', secret ?? '')
			.update(request.rawBody)
			.digest('hex');
		if (this.getHeaderData()['x-gadget-signature'] !== expected) {
			const response = this.getResponseObject() as unknown as {
				writeHead(status: number, headers: Record<string, string>): void;
				end(body: string): void;
			};
			response.writeHead(401, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: 'invalid_signature' }));
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		if (body.type === 'boom') throw new Error('the node failed');
		if (body.type === 'ignored') return { webhookResponse: { received: true, ignored: 'ignored' } };
		return { workflowData: [[{ json: body }]] };
	}
}

interface Hook {
	id: number;
	url: string;
	label: string;
	secret: string;
}

/** Fake remote API: /hooks list, create, delete; requires the API key. */
class HooksApi {
	hooks: Hook[] = [];

	created = 0;

	private nextId = 1;

	private server: Server | undefined;

	baseUrl = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const reply = (status: number, body?: unknown) => {
					res.writeHead(status, { 'content-type': 'application/json' });
					res.end(body === undefined ? '' : JSON.stringify(body));
				};
				if (req.headers.authorization !== 'Bearer gk_key')
					return reply(401, { error: 'unauthorized' });
				if (req.method === 'GET' && req.url === '/hooks') return reply(200, this.hooks);
				if (req.method === 'POST' && req.url === '/hooks') {
					const { url, label } = JSON.parse(Buffer.concat(chunks).toString()) as {
						url: string;
						label: string;
					};
					const hook = { id: this.nextId++, url, label, secret: `secret-${this.nextId}` };
					this.hooks.push(hook);
					this.created += 1;
					return reply(201, hook);
				}
				const match = /^\/hooks\/(\d+)$/.exec(req.url ?? '');
				if (req.method === 'DELETE' && match) {
					this.hooks = this.hooks.filter((hook) => hook.id !== Number(match[1]));
					return reply(204);
				}
				return reply(404, { error: 'not_found' });
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

const api = new HooksApi();
const productionUrl =
	'https://n8n.example.com/webhook/7b0c5a8e-2f4d-4c1e-9a57-3c2b1d0e9f11/webhook';

function signed(
	body: IDataObject | string,
	secret: string,
): { headers: Record<string, string>; rawBody: string } {
	const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
	const signature = createHmac('sha256', secret).update(rawBody).digest('hex');
	return {
		headers: { 'Content-Type': 'application/json', 'X-Gadget-Signature': signature },
		rawBody,
	};
}

/** `null`: no webhookUrl, the harness uses its listen() server's URL. */
function newHarness(webhookUrl: string | null = productionUrl) {
	return createTriggerHarness({
		type: 'gadgetsTrigger',
		parameters: { label: 'harness test' },
		credentials: { gadgetsApi: { apiKey: 'gk_key', baseUrl: api.baseUrl } },
		...(webhookUrl !== null && { webhookUrl }),
	});
}

beforeAll(async () => {
	await api.start();
	registerCredentialType(gadgetsApi);
	registerNodeType(new GadgetsTrigger());
});
afterAll(async () => await api.stop());
beforeEach(() => {
	api.hooks = [];
	api.created = 0;
	webhookCalls = 0;
});

describe('trigger lifecycle through n8n-core hook contexts', () => {
	it('registers the production URL n8n-core computes, storing the endpoint in static data', async () => {
		const harness = newHarness();
		await harness.activate();

		expect(api.hooks).toEqual([
			expect.objectContaining({ url: productionUrl, label: 'harness test' }),
		]);
		expect(harness.webhookUrl).toBe(productionUrl);
		expect(harness.staticData).toEqual({ hookId: api.hooks[0].id, secret: api.hooks[0].secret });
	});

	it('does not create a second endpoint when checkExists finds the stored one (restart)', async () => {
		const harness = newHarness();
		await harness.activate();
		await harness.activate('init');

		expect(api.created).toBe(1);
		expect(await harness.checkExists()).toBe(true);
	});

	it('deactivate deletes the endpoint and the node clears its static data', async () => {
		const harness = newHarness();
		await harness.activate();
		await harness.deactivate();

		expect(api.hooks).toEqual([]);
		expect(harness.staticData).toEqual({});
	});

	it('starts from given static data and lets a test replace it (static data lost)', async () => {
		const harness = createTriggerHarness({
			type: 'gadgetsTrigger',
			parameters: {},
			credentials: { gadgetsApi: { apiKey: 'gk_key', baseUrl: api.baseUrl } },
			webhookUrl: productionUrl,
			staticData: { hookId: 99, secret: 'old' },
		});
		expect(await harness.checkExists()).toBe(false);

		await harness.create();
		expect(await harness.checkExists()).toBe(true);
		harness.staticData = {};
		expect(await harness.checkExists()).toBe(false);
	});

	it('returns a URL that n8n could not have produced as given', async () => {
		const harness = newHarness('https://hooks.example.com/custom');
		await harness.create();

		expect(api.hooks[0].url).toBe('https://hooks.example.com/custom');
	});
});

describe('deliveries through n8n-core webhook contexts', () => {
	async function activated() {
		const harness = newHarness();
		await harness.activate();
		return { harness, secret: String(harness.staticData.secret) };
	}

	it('starts an execution with the node output and answers as n8n does', async () => {
		const { harness, secret } = await activated();
		const result = await harness.receive(signed({ type: 'gadget.created', id: 7 }, secret));

		expect(result.status).toBe(200);
		expect(result.body).toEqual({ message: 'Workflow was started' });
		expect(result.started).toBe(true);
		expect(result.items.map((item) => item.json)).toEqual([{ type: 'gadget.created', id: 7 }]);
		expect(result.run?.status).toBe('success');
	});

	it('passes what the node wrote to the response when it answers itself', async () => {
		const { harness } = await activated();
		const result = await harness.receive(signed({ type: 'gadget.created' }, 'wrong secret'));

		expect(result.status).toBe(401);
		expect(result.body).toEqual({ error: 'invalid_signature' });
		expect(result.started).toBe(false);
		expect(result.items).toEqual([]);
	});

	it('answers with the webhookResponse when the node starts nothing', async () => {
		const { harness, secret } = await activated();
		const result = await harness.receive(signed({ type: 'ignored' }, secret));

		expect(result).toMatchObject({
			status: 200,
			body: { received: true, ignored: 'ignored' },
			started: false,
		});
	});

	it('answers 500 when the node throws', async () => {
		const { harness, secret } = await activated();
		const result = await harness.receive(signed({ type: 'boom' }, secret));

		expect(result.status).toBe(500);
		expect(result.error?.message).toBe('the node failed');
		expect(result.started).toBe(false);
	});

	it('answers 404 to another HTTP method, as n8n finds no webhook for it', async () => {
		const { harness, secret } = await activated();
		const result = await harness.receive({
			...signed({ type: 'gadget.created' }, secret),
			method: 'GET',
		});

		expect(result.status).toBe(404);
		expect(webhookCalls).toBe(0);
	});

	it("rejects unparseable JSON before the node sees it, like n8n's body parser", async () => {
		const { harness, secret } = await activated();
		const result = await harness.receive(signed('{"type": ', secret));

		expect(result.status).toBe(422);
		expect(webhookCalls).toBe(0);
	});

	it('serves the trigger over real HTTP and records each delivery', async () => {
		const harness = newHarness(null);
		const server = await harness.listen();
		try {
			await harness.activate();
			expect(api.hooks[0].url).toBe(server.url);
			expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/webhook$/);
			const secret = String(harness.staticData.secret);

			const delivery = signed({ type: 'gadget.updated', id: 3 }, secret);
			const accepted = await fetch(server.url, {
				method: 'POST',
				headers: delivery.headers,
				body: delivery.rawBody,
			});
			const forged = await fetch(server.url, {
				method: 'POST',
				headers: { ...delivery.headers, 'X-Gadget-Signature': '00' },
				body: delivery.rawBody,
			});
			const wrongPath = await fetch(`${server.url}-elsewhere`, { method: 'POST', body: '{}' });

			expect([accepted.status, forged.status, wrongPath.status]).toEqual([200, 401, 404]);
			expect(await accepted.json()).toEqual({ message: 'Workflow was started' });
			const deliveries = await harness.waitForDeliveries(3, 1000);
			expect(deliveries.map((entry) => [entry.status, entry.started])).toEqual([
				[200, true],
				[401, false],
				[404, false],
			]);
			expect(deliveries[0].items[0].json).toEqual({ type: 'gadget.updated', id: 3 });
		} finally {
			await server.close();
		}
	});
});
