/**
 * createTriggerHarness(): a programmatic webhook trigger driven the way n8n drives it.
 *
 * - Lifecycle: `nodeType.webhookMethods.default.*` called through n8n-core's HookContext,
 *   so getNodeWebhookUrl, getWorkflowStaticData and httpRequestWithAuthentication are n8n's.
 *   activate() is what n8n does on publish and on restart: checkExists, then create when it
 *   answered false.
 * - Deliveries: `nodeType.webhook()` called through n8n-core's WebhookContext with an
 *   express-like request (lower-cased headers, raw body Buffer, parsed body), then the
 *   answer n8n's webhook service would send; when the node returns workflowData an
 *   execution is started with a real WorkflowExecute run from the trigger's output.
 */
import './env';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData, isExpression } from 'n8n-workflow';

import { createAdditionalData, harnessInstanceBaseUrl } from './additional-data';
import { ensureDeduplicationService } from './deduplication';
import type { CredentialUpdate } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import { loadNodeTypes } from './node-types';
import type { RunNodeOptions } from './run-node';
import { nextExecutionId } from './run-node';

export interface TriggerHarnessOptions {
	parameters: INodeParameters;
	credentials: RunNodeOptions['credentials'];
	/**
	 * What `this.getNodeWebhookUrl('default')` returns: n8n's production URL for the node.
	 * Shaped like n8n's (`<base>/<webhookId>/<path>`, e.g.
	 * `https://n8n.example.com/webhook/<uuid>/webhook`) it is produced by n8n-core itself
	 * from the base and the node's webhookId; any other URL is returned as given.
	 * Omitted: the URL of listen()'s server, so call listen() before the lifecycle methods.
	 */
	webhookUrl?: string;
	workflowId?: string;
	workflowName?: string;
	/** The node's static data to start from (`getWorkflowStaticData('node')`). */
	staticData?: IDataObject;
	/** Default 'buildWorkProTrigger'. */
	type?: string;
	typeVersion?: number;
	nodeName?: string;
	/** Name of the webhook description to drive. Default 'default'. */
	webhookName?: string;
}

export interface DeliveryRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody: string | Buffer;
	method?: string;
	/** Query string values; default none. */
	query?: Record<string, string>;
}

export interface DeliveryResult {
	/** HTTP status n8n would answer with. */
	status: number;
	/** Response body (parsed when it is JSON). */
	body: unknown;
	headers: Record<string, string>;
	/** Whether a workflow execution was started. */
	started: boolean;
	/** The trigger's output items that started the execution (empty when none). */
	items: INodeExecutionData[];
	/** The started execution (trigger → its output), when started. */
	run?: IRun;
	/** What webhook() threw, when it threw (n8n answers 500). */
	error?: Error;
}

export interface Delivery extends DeliveryResult {
	request: {
		method: string;
		url: string;
		headers: Record<string, string | string[] | undefined>;
		rawBody: Buffer;
	};
}

export interface TriggerHarness {
	/** The node's workflow static data, persisted across calls (assign to replace it, e.g. `{}` to simulate its loss). */
	staticData: IDataObject;
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	/** n8n on publish ('activate') or restart ('init'): checkExists, create when false. */
	activate(activation?: WorkflowActivateMode): Promise<void>;
	/** n8n on unpublish: delete. */
	deactivate(): Promise<boolean>;
	receive(req: DeliveryRequest): Promise<DeliveryResult>;
	/** Real HTTP server on 127.0.0.1 feeding receive(); `url` is the node's production webhook URL on it. */
	listen(): Promise<{ url: string; close(): Promise<void> }>;
	/** Everything received via listen(). */
	deliveries: Delivery[];
	/** Resolves once `count` deliveries arrived via listen() (rejects after timeoutMs). */
	waitForDeliveries(count: number, timeoutMs?: number): Promise<Delivery[]>;
	/** What getNodeWebhookUrl('default') returns. */
	readonly webhookUrl: string;
	readonly node: INode;
	readonly workflow: Workflow;
	/** Credential writes n8n-core made (OAuth2 token refresh ...). */
	readonly credentialUpdates: CredentialUpdate[];
}

/** A response object with the parts of express' Response (over http.ServerResponse) nodes use. */
class CapturedResponse {
	statusCode = 200;

	headersSent = false;

	finished = false;

	readonly headers: Record<string, string> = {};

	private chunks: Buffer[] = [];

	private onFinish: Array<() => void> = [];

	setHeader(name: string, value: string | number | readonly string[]): this {
		this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		return this;
	}

	getHeader(name: string): string | undefined {
		return this.headers[name.toLowerCase()];
	}

	removeHeader(name: string): void {
		delete this.headers[name.toLowerCase()];
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	set(name: string | Record<string, string>, value?: string): this {
		if (typeof name === 'string') return this.setHeader(name, value ?? '');
		for (const [key, headerValue] of Object.entries(name)) this.setHeader(key, headerValue);
		return this;
	}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	writeHead(status: number, headers?: Record<string, string | number>): this {
		this.statusCode = status;
		for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
		this.headersSent = true;
		return this;
	}

	write(chunk: string | Buffer): boolean {
		this.headersSent = true;
		this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
		return true;
	}

	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.write(chunk);
		this.headersSent = true;
		this.finished = true;
		for (const listener of this.onFinish.splice(0)) listener();
		return this;
	}

	json(body: unknown): this {
		if (!this.getHeader('content-type'))
			this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.end(JSON.stringify(body));
	}

	send(body?: unknown): this {
		if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body))
			return this.end(body);
		return this.json(body);
	}

	sendStatus(code: number): this {
		return this.status(code).end(String(code));
	}

	on(event: string, listener: () => void): this {
		if (event === 'finish' || event === 'close') this.onFinish.push(listener);
		return this;
	}

	once(event: string, listener: () => void): this {
		return this.on(event, listener);
	}

	get rawBody(): Buffer {
		return Buffer.concat(this.chunks);
	}

	parsedBody(): unknown {
		const text = this.rawBody.toString('utf8');
		if (text === '') return undefined;
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
}

/** n8n's request parsing: mime type without parameters, charset, JSON / form / text bodies. */
function parseRequestBody(
	headers: Record<string, string | string[] | undefined>,
	rawBody: Buffer,
): { contentType?: string; encoding: BufferEncoding; body: unknown; parseError?: string } {
	const contentTypeHeader = String(headers['content-type'] ?? '');
	const [mime, ...params] = contentTypeHeader.split(';').map((part) => part.trim());
	const contentType = mime ? mime.toLowerCase() : undefined;
	const charset = params.find((param) => param.toLowerCase().startsWith('charset='))?.slice(8);
	const encoding = (
		charset?.toLowerCase() === 'utf-8' || !charset ? 'utf8' : charset
	) as BufferEncoding;
	let body: unknown = {};
	if (rawBody.length > 0) {
		const text = rawBody.toString(encoding);
		try {
			if (contentType === 'application/json') body = JSON.parse(text);
			else if (contentType === 'application/x-www-form-urlencoded') {
				body = Object.fromEntries(new URLSearchParams(text));
			} else if (contentType === 'text/plain') body = text;
		} catch (error) {
			return { contentType, encoding, body: {}, parseError: (error as Error).message };
		}
	}
	return { contentType, encoding, body: body ?? {} };
}

function lowerCaseHeaders(
	headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
}

/**
 * Splits an n8n-shaped production URL into the webhook base URL and the node's webhookId,
 * so that n8n-core's own getNodeWebhookUrl produces exactly that URL.
 */
function splitWebhookUrl(
	url: string,
	path: string,
	isFullPath: boolean,
): { webhookBaseUrl: string; webhookId: string } | undefined {
	const cleanPath = path.replace(/^\//, '');
	if (isFullPath) {
		if (cleanPath === '') {
			const cut = url.lastIndexOf('/');
			return cut > 0
				? { webhookBaseUrl: url.slice(0, cut), webhookId: url.slice(cut + 1) }
				: undefined;
		}
		if (!url.endsWith(`/${cleanPath}`)) return undefined;
		return { webhookBaseUrl: url.slice(0, -cleanPath.length - 1), webhookId: randomUUID() };
	}
	if (!url.endsWith(`/${cleanPath}`)) return undefined;
	const prefix = url.slice(0, -cleanPath.length - 1);
	const cut = prefix.lastIndexOf('/');
	const webhookId = prefix.slice(cut + 1);
	if (cut <= 0 || webhookId === '' || prefix.slice(0, cut).endsWith(':/')) return undefined;
	return { webhookBaseUrl: prefix.slice(0, cut), webhookId };
}

export function createTriggerHarness(opts: TriggerHarnessOptions): TriggerHarness {
	const { nodeTypes, credentialTypes } = loadNodeTypes();
	const typeName = nodeTypes.resolveTypeName(opts.type ?? 'buildWorkProTrigger');
	const nodeType: INodeType = nodeTypes.getByNameAndVersion(typeName, opts.typeVersion);
	const description = nodeType.description as INodeTypeDescription;
	const webhookName = opts.webhookName ?? 'default';
	const webhookDescription = description.webhooks?.find((webhook) => webhook.name === webhookName);
	if (!webhookDescription) {
		throw new Error(`Harness: node type "${typeName}" has no "${webhookName}" webhook`);
	}
	type HookMethods = Record<
		'checkExists' | 'create' | 'delete',
		(this: IHookFunctions) => Promise<boolean>
	>;
	const webhookMethods = (nodeType.webhookMethods as Record<string, HookMethods> | undefined)?.[
		webhookName
	];
	if (!nodeType.webhook || !webhookMethods) {
		throw new Error(
			`Harness: node type "${typeName}" is not a webhook trigger with webhookMethods`,
		);
	}

	const givenCredentials = Object.fromEntries(
		Object.entries(opts.credentials ?? {}).filter(
			(entry): entry is [string, ICredentialDataDecryptedObject] => entry[1] !== undefined,
		),
	);
	const nodeCredentials: INodeCredentials = {};
	for (const credentialType of Object.keys(givenCredentials)) {
		nodeCredentials[credentialType] = { id: `harness-${credentialType}`, name: credentialType };
	}
	const credentialsHelper = new HarnessCredentialsHelper(
		credentialTypes,
		nodeTypes,
		givenCredentials,
	);

	const nodeName = opts.nodeName ?? description.defaults.name ?? description.displayName;
	const node: INode = {
		id: randomUUID(),
		name: nodeName,
		type: typeName,
		typeVersion:
			opts.typeVersion ??
			(Array.isArray(description.version) ? Math.max(...description.version) : description.version),
		position: [0, 0],
		parameters: opts.parameters,
		credentials: nodeCredentials,
		webhookId: randomUUID(),
	};
	const workflowData: IWorkflowBase = {
		id: opts.workflowId ?? 'harness-trigger-workflow',
		name: opts.workflowName ?? 'Harness trigger workflow',
		active: true,
		isArchived: false,
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		settings: workflowData.settings,
		staticData: opts.staticData ? { [`node:${nodeName}`]: opts.staticData } : {},
	});
	// The Workflow constructor applied the parameter defaults to this same node object, as n8n
	// does when it loads a workflow.

	const rawPath = webhookDescription.path;
	const webhookPath = String(
		isExpression(rawPath)
			? workflow.expression.getSimpleParameterValue(node, rawPath, 'internal', {})
			: rawPath,
	);
	const rawFullPath = webhookDescription.isFullPath;
	const isFullPath =
		typeof rawFullPath === 'string' && isExpression(rawFullPath)
			? workflow.expression.getSimpleParameterValue(
					node,
					rawFullPath,
					'internal',
					{},
					undefined,
					false,
				) === true
			: rawFullPath === true;

	let webhookUrl: string | undefined;
	let webhookBaseUrl = `${harnessInstanceBaseUrl}/webhook`;
	/** Set when the given URL is not one n8n could produce: then it is served as given. */
	let urlOverride: string | undefined;

	function useWebhookUrl(url: string): void {
		webhookUrl = url;
		const split = splitWebhookUrl(url, webhookPath, isFullPath);
		if (split) {
			webhookBaseUrl = split.webhookBaseUrl;
			node.webhookId = split.webhookId;
			urlOverride = undefined;
		} else {
			urlOverride = url;
		}
	}
	if (opts.webhookUrl !== undefined) useWebhookUrl(opts.webhookUrl);

	function requireWebhookUrl(): string {
		if (webhookUrl === undefined) {
			throw new Error('Harness: no webhookUrl given: pass opts.webhookUrl or call listen() first');
		}
		return webhookUrl;
	}

	function newAdditionalData(
		mode: 'trigger' | 'webhook',
		executionId?: string,
	): IWorkflowExecuteAdditionalData {
		const { additionalData } = createAdditionalData({
			executionId: executionId ?? nextExecutionId(),
			mode,
			workflowData,
			credentialsHelper,
			webhookBaseUrl,
		});
		if (executionId === undefined) delete additionalData.executionId;
		return additionalData;
	}

	function webhookData(additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: webhookDescription!.httpMethod as IHttpRequestMethods,
			node: node.name,
			path: isFullPath ? webhookPath : `${node.webhookId}/${webhookPath.replace(/^\//, '')}`,
			webhookDescription: webhookDescription as IWebhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: false,
		};
	}

	function pinUrl<T extends { getNodeWebhookUrl: unknown }>(context: T): T {
		if (urlOverride !== undefined) {
			const url = urlOverride;
			Object.defineProperty(context, 'getNodeWebhookUrl', { value: () => url });
		}
		return context;
	}

	async function runHookMethod(
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode = 'activate',
	): Promise<boolean> {
		requireWebhookUrl();
		const additionalData = newAdditionalData('trigger');
		const context = pinUrl(
			new HookContext(
				workflow,
				node,
				additionalData,
				'trigger',
				activation,
				webhookData(additionalData),
			),
		);
		return await webhookMethods![method].call(context);
	}

	async function startExecution(output: INodeExecutionData[][]): Promise<IRun> {
		await ensureDeduplicationService();
		const executionId = nextExecutionId();
		const additionalData = newAdditionalData('webhook', executionId);
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: output }, source: null }] },
		});
		return await new WorkflowExecute(
			additionalData,
			'webhook',
			runExecutionData,
		).processRunExecutionData(workflow);
	}

	async function receive(req: DeliveryRequest): Promise<DeliveryResult> {
		requireWebhookUrl();
		const headers = lowerCaseHeaders(req.headers);
		const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.from(req.rawBody, 'utf8');
		const response = new CapturedResponse();
		const parsed = parseRequestBody(headers, rawBody);
		const answer = (extra: Partial<DeliveryResult> = {}): DeliveryResult => ({
			status: response.statusCode,
			body: response.parsedBody(),
			headers: { ...response.headers },
			started: false,
			items: [],
			...extra,
		});
		const registered = String(webhookDescription!.httpMethod).toUpperCase();
		const method = (req.method ?? registered).toUpperCase();
		if (method !== registered) {
			// n8n finds no webhook for this method and path.
			response.status(404).json({
				code: 404,
				message: `This webhook is not registered for ${method} requests. Did you mean to make a ${registered} request?`,
			});
			return answer();
		}
		if (parsed.parseError !== undefined) {
			// n8n's body parser rejects the request before any node sees it.
			response
				.status(422)
				.json({ code: 422, message: 'Failed to parse request body', hint: parsed.parseError });
			return answer();
		}

		const request = {
			method,
			url: new URL(requireWebhookUrl()).pathname,
			headers,
			rawBody,
			body: parsed.body,
			query: req.query ?? {},
			params: {},
			contentType: parsed.contentType,
			encoding: parsed.encoding,
			// The body was read already, as by n8n's body parser.
			_body: true,
			readable: false,
			readRawBody: async () => {},
			header: (name: string) => headers[name.toLowerCase()],
			get: (name: string) => headers[name.toLowerCase()],
		};
		const additionalData = newAdditionalData('webhook');
		additionalData.httpRequest =
			request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse =
			response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const context = pinUrl(
			new WebhookContext(
				workflow,
				node,
				additionalData,
				'webhook',
				webhookData(additionalData),
				[],
				null,
			),
		);

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			if (!response.headersSent) {
				response
					.status(500)
					.json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			}
			return answer({ error: error as Error });
		}

		// What n8n's webhook service does with the node's answer (responseMode 'onReceived').
		const responseCode = Number(webhookDescription!.responseCode ?? 200) || 200;
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true && !response.headersSent) {
				response
					.status(responseCode)
					.json(
						result.webhookResponse !== undefined
							? result.webhookResponse
							: { message: 'Webhook call received' },
					);
			}
			return answer();
		}
		if (result.noWebhookResponse !== true && !response.headersSent) {
			response.status(responseCode).json({ message: 'Workflow was started' });
		}
		const run = await startExecution(result.workflowData);
		const triggerRuns = run.data.resultData.runData[node.name] ?? [];
		const items = triggerRuns[0]?.data?.main?.[0] ?? result.workflowData[0] ?? [];
		return answer({ started: true, items, run });
	}

	const deliveries: Delivery[] = [];
	const waiters: Array<() => void> = [];

	/** One HTTP request to listen()'s server, handled as n8n's webhook route would. */
	async function deliver(request: Delivery['request']): Promise<DeliveryResult> {
		const target = new URL(request.url, 'http://127.0.0.1');
		if (target.pathname !== new URL(requireWebhookUrl()).pathname) {
			const body = { code: 404, message: 'The requested webhook is not registered.' };
			return { status: 404, body, headers: {}, started: false, items: [] };
		}
		const query = Object.fromEntries(target.searchParams);
		try {
			return await receive({
				headers: request.headers,
				rawBody: request.rawBody,
				method: request.method,
				query,
			});
		} catch (error) {
			const body = { message: (error as Error).message };
			return { status: 500, body, headers: {}, started: false, items: [], error: error as Error };
		}
	}

	function writeHttpAnswer(outgoing: ServerResponse, result: DeliveryResult): void {
		const headers: Record<string, string> = { ...result.headers };
		let payload = '';
		if (typeof result.body === 'string') payload = result.body;
		else if (result.body !== undefined) {
			payload = JSON.stringify(result.body);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		outgoing.writeHead(result.status, headers);
		outgoing.end(payload);
	}

	async function listen(): Promise<{ url: string; close(): Promise<void> }> {
		const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
			const chunks: Buffer[] = [];
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('end', () => {
				const request = {
					method: incoming.method ?? 'GET',
					url: incoming.url ?? '/',
					headers: incoming.headers as Record<string, string | string[] | undefined>,
					rawBody: Buffer.concat(chunks),
				};
				void deliver(request).then((result) => {
					deliveries.push({ ...result, request });
					for (const wake of waiters.splice(0)) wake();
					writeHttpAnswer(outgoing, result);
				});
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		if (webhookUrl === undefined) {
			useWebhookUrl(
				`http://127.0.0.1:${port}/webhook/${node.webhookId}/${webhookPath.replace(/^\//, '')}`,
			);
		}
		const base = `http://127.0.0.1:${port}`;
		const given = new URL(requireWebhookUrl());
		return {
			url: `${base}${given.pathname}`,
			close: async () => {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			},
		};
	}

	async function waitForDeliveries(count: number, timeoutMs = 10_000): Promise<Delivery[]> {
		const deadline = Date.now() + timeoutMs;
		while (deliveries.length < count) {
			const remaining = deadline - Date.now();
			if (remaining <= 0) {
				throw new Error(
					`Harness: ${deliveries.length} of ${count} deliveries arrived within ${timeoutMs} ms`,
				);
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, remaining);
				waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return deliveries.slice(0, count);
	}

	const staticDataKey = `node:${nodeName}`;
	return {
		get staticData(): IDataObject {
			return workflow.getStaticData('node', node);
		},
		set staticData(value: IDataObject) {
			workflow.staticData[staticDataKey] = value;
		},
		checkExists: async () => await runHookMethod('checkExists'),
		create: async () => await runHookMethod('create'),
		delete: async () => await runHookMethod('delete'),
		activate: async (activation: WorkflowActivateMode = 'activate') => {
			if (!(await runHookMethod('checkExists', activation)))
				await runHookMethod('create', activation);
		},
		deactivate: async () => await runHookMethod('delete', 'update'),
		receive,
		listen,
		deliveries,
		waitForDeliveries,
		get webhookUrl() {
			return requireWebhookUrl();
		},
		node,
		workflow,
		credentialUpdates: credentialsHelper.updates,
	};
}
