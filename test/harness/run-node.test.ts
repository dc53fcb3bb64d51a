/**
 * The harness runs a declarative node through n8n-core's real engine: a throwaway
 * "Widgets" node (defined here) against a local HTTP server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	loadNodeTypes,
	registerCredentialType,
	registerNodeType,
	runNode,
	testCredentials,
} from './index';

const widgetsApi: ICredentialType = {
	name: 'widgetsApi',
	displayName: 'Widgets API',
	properties: [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://widgets.invalid',
		},
		{ displayName: 'Scheme', name: 'scheme', type: 'string', default: 'Bearer' },
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.scheme}} {{$credentials.apiKey}}' } },
	},
	test: {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Widgets did not accept this key' },
			},
		],
	},
};

const widgetsOAuth2Api: ICredentialType = {
	name: 'widgetsOAuth2Api',
	displayName: 'Widgets OAuth2 API',
	extends: ['oAuth2Api'],
	properties: [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'pkce' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	],
};

class Widgets implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Widgets',
		name: 'widgets',
		group: ['transform'],
		version: 1,
		description: 'Throwaway declarative node for the harness self-test',
		defaults: { name: 'Widgets' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{
				name: 'widgetsApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'widgetsOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl}}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'apiKey',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'List',
						value: 'list',
						action: 'List widgets',
						routing: {
							request: { method: 'GET', url: '/widgets' },
							output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
						},
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get a widget',
						routing: {
							request: { method: 'GET', url: '=/widgets/{{$parameter.widgetId}}' },
							output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
						},
					},
				],
				default: 'list',
			},
			{
				displayName: 'Widget ID',
				name: 'widgetId',
				type: 'string',
				default: '',
				displayOptions: { show: { operation: ['get'] } },
			},
		],
	};
}

interface SeenRequest {
	method: string;
	url: string;
	authorization?: string;
}

/** Widgets API: GET /widgets, GET /widgets/:id (404 unless 1..3); `failNext` answers 500s first. */
class WidgetsServer {
	readonly requests: SeenRequest[] = [];

	failNext = 0;

	tokenRequests = 0;

	/** Only this bearer token is accepted when set. */
	requiredAuthorization: string | undefined;

	private server: Server | undefined;

	baseUrl = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		this.requests.push({
			method: req.method ?? '',
			url: req.url ?? '',
			authorization: req.headers.authorization,
		});
		const reply = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'POST' && req.url === '/oauth/token') {
			this.tokenRequests += 1;
			return reply(200, {
				access_token: 'at_new',
				token_type: 'Bearer',
				refresh_token: 'rt_2',
				expires_in: 3600,
			});
		}
		if (this.requiredAuthorization && req.headers.authorization !== this.requiredAuthorization) {
			return reply(401, { title: 'Unauthorized', status: 401 });
		}
		if (this.failNext > 0) {
			this.failNext -= 1;
			return reply(500, { title: 'Internal error', status: 500 });
		}
		if (req.url === '/me') {
			return req.headers.authorization === 'Bearer wk_secret'
				? reply(200, { data: { key: 'ok' } })
				: reply(401, {});
		}
		if (req.url === '/widgets') return reply(200, { data: [{ id: 1 }, { id: 2 }, { id: 3 }] });
		const match = /^\/widgets\/(\d+)$/.exec(req.url ?? '');
		if (match && Number(match[1]) >= 1 && Number(match[1]) <= 3) {
			return reply(200, { data: { id: Number(match[1]), name: `Widget ${match[1]}` } });
		}
		return reply(404, { title: 'Not found', status: 404 });
	}
}

const api = new WidgetsServer();
let credentials: { widgetsApi: { apiKey: string; baseUrl: string } };

beforeAll(async () => {
	await api.start();
	registerCredentialType(widgetsApi);
	registerCredentialType(widgetsOAuth2Api);
	registerNodeType(new Widgets());
	credentials = { widgetsApi: { apiKey: 'wk_secret', baseUrl: api.baseUrl } };
});
afterAll(async () => await api.stop());
beforeEach(() => {
	api.requests.length = 0;
	api.failNext = 0;
	api.requiredAuthorization = undefined;
	api.tokenRequests = 0;
});

describe('runNode with a declarative node', () => {
	it('sends the request authenticated from the credentials and returns one item per record', async () => {
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(api.requests).toEqual([
			{ method: 'GET', url: '/widgets', authorization: 'Bearer wk_secret' },
		]);
		expect(result.run.status).toBe('success');
	});

	it('runs once per input item and resolves expressions against each item', async () => {
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'get', widgetId: '={{ $json.wanted }}' },
			credentials,
			input: [{ wanted: 2 }, { wanted: 3 }],
		});

		expect(result.json).toEqual([
			{ id: 2, name: 'Widget 2' },
			{ id: 3, name: 'Widget 3' },
		]);
		expect(api.requests.map((request) => request.url)).toEqual(['/widgets/2', '/widgets/3']);
	});

	it('fails the run with the node error when the API answers an error', async () => {
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'get', widgetId: '9' },
			credentials,
		});

		// n8n keeps a plain copy of the node's error (own fields, message, stack).
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.message).toMatch(/could not be found/);
		expect(result.run.status).toBe('error');
		expect(result.items).toEqual([]);
	});

	it('lets n8n retry the whole node when Retry On Fail is set', async () => {
		api.failNext = 2;
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 },
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(api.requests).toHaveLength(3);
	});

	it('gives up after maxTries attempts', async () => {
		api.failNext = 5;
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(api.requests).toHaveLength(2);
	});

	it('does not retry without Retry On Fail', async () => {
		api.failNext = 1;
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
		});

		expect(result.error).toBeDefined();
		expect(api.requests).toHaveLength(1);
	});

	it('turns a failed item into an error item and keeps the others with Continue On Fail', async () => {
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'get', widgetId: '={{ $json.wanted }}' },
			credentials,
			input: [{ wanted: 1 }, { wanted: 404 }, { wanted: 3 }],
			settings: { continueOnFail: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(result.json[0]).toEqual({ id: 1, name: 'Widget 1' });
		expect(result.items[1].error).toBeInstanceOf(NodeApiError);
		expect(result.json[2]).toEqual({ id: 3, name: 'Widget 3' });
	});

	it('routes failed items to the error output with onError continueErrorOutput', async () => {
		const result = await runNode({
			type: 'widgets',
			parameters: { operation: 'get', widgetId: '={{ $json.wanted }}' },
			credentials,
			input: [{ wanted: 1 }, { wanted: 404 }],
			settings: { onError: 'continueErrorOutput' },
		});

		expect(result.json).toEqual([{ id: 1, name: 'Widget 1' }]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.error).toEqual(expect.stringContaining('could not be found'));
	});

	it('applies credential defaults and fails clearly when credentials are missing', async () => {
		const withScheme = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials: { widgetsApi: { apiKey: 'k2', baseUrl: api.baseUrl, scheme: 'Token' } },
		});
		expect(withScheme.error).toBeUndefined();
		expect(api.requests[0].authorization).toBe('Token k2');

		const missing = await runNode({ type: 'widgets', parameters: { operation: 'list' } });
		expect(missing.error?.message).toMatch(/credentials/i);
	});

	it('signs requests with the OAuth2 access token through n8n-core', async () => {
		api.requiredAuthorization = 'Bearer at_123';
		const result = await runNode({
			type: 'widgets',
			parameters: { authentication: 'oAuth2', operation: 'list' },
			credentials: {
				widgetsOAuth2Api: {
					baseUrl: api.baseUrl,
					clientId: 'client',
					accessTokenUrl: `${api.baseUrl}/oauth/token`,
					oauthTokenData: { access_token: 'at_123', token_type: 'Bearer' },
				},
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
	});

	it('refreshes an expired OAuth2 token once and retries, recording the new token', async () => {
		api.requiredAuthorization = 'Bearer at_new';
		const result = await runNode({
			type: 'widgets',
			parameters: { authentication: 'oAuth2', operation: 'list' },
			credentials: {
				widgetsOAuth2Api: {
					baseUrl: api.baseUrl,
					clientId: 'client',
					accessTokenUrl: `${api.baseUrl}/oauth/token`,
					oauthTokenData: { access_token: 'at_old', refresh_token: 'rt_1', token_type: 'Bearer' },
				},
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(api.tokenRequests).toBe(1);
		expect(api.requests.map((request) => request.authorization)).toEqual([
			'Bearer at_old',
			undefined,
			'Bearer at_new',
		]);
		expect(result.credentialUpdates).toEqual([
			expect.objectContaining({
				type: 'widgetsOAuth2Api',
				kind: 'oauthTokenData',
				data: expect.objectContaining({
					oauthTokenData: expect.objectContaining({
						access_token: 'at_new',
						refresh_token: 'rt_2',
					}),
				}),
			}),
		]);
	});

	it('uses a fresh execution id per run unless one is given', async () => {
		const first = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
		});
		const second = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
		});
		const pinned = await runNode({
			type: 'widgets',
			parameters: { operation: 'list' },
			credentials,
			executionId: '4242',
		});

		expect(first.executionId).not.toBe(second.executionId);
		expect(pinned.executionId).toBe('4242');
		expect(pinned.run.data.resultData.runData.Widgets).toHaveLength(1);
	});
});

describe('testCredentials, as n8n tests a credential in its modal', () => {
	it('passes when the test request succeeds with the authenticated request', async () => {
		const result = await testCredentials('widgetsApi', {
			apiKey: 'wk_secret',
			baseUrl: api.baseUrl,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(api.requests).toEqual([
			{ method: 'GET', url: '/me', authorization: 'Bearer wk_secret' },
		]);
	});

	it('fails with the message of the matching rule', async () => {
		const result = await testCredentials('widgetsApi', { apiKey: 'wrong', baseUrl: api.baseUrl });

		expect(result).toEqual({ status: 'Error', message: 'Widgets did not accept this key' });
	});

	it('fails with the network error code when nothing answers', async () => {
		const result = await testCredentials('widgetsApi', {
			apiKey: 'wk_secret',
			baseUrl: 'http://127.0.0.1:1',
		});

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('loadNodeTypes', () => {
	it('registers node types under the package-qualified name and the short name', () => {
		const { nodeTypes } = loadNodeTypes();
		expect(nodeTypes.getByName('n8n-nodes-buildworkpro.widgets')).toBe(
			nodeTypes.getByName('widgets'),
		);
	});

	it('names the known types when asked for an unknown one', async () => {
		await expect(runNode({ type: 'gizmos', parameters: {} })).rejects.toThrow(
			/unknown node type "n8n-nodes-buildworkpro\.gizmos".*widgets/,
		);
	});

	it("adds n8n's standard request options to declarative nodes, as n8n's loader does", () => {
		const { nodeTypes } = loadNodeTypes();
		const names = nodeTypes
			.getByNameAndVersion('widgets')
			.description.properties.map((p) => p.name);
		expect(names).toContain('requestOptions');
	});
});
