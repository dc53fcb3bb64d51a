import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { EVENT_OPTIONS, eventsSubtitle } from './events';
import { parseDelivery, shapeOutput, type OutputShape } from './delivery';
import {
	checkEndpointExists,
	createEndpoint,
	deleteEndpoint,
	storedSigningSecrets,
} from './lifecycle';
import { verifySignature } from './signature';

/** The parts of n8n's webhook request (an http.IncomingMessage) that we read. */
interface WebhookRequest {
	rawBody?: Buffer | string;
	readRawBody?: () => Promise<void>;
	_body?: boolean;
	readable?: boolean;
}

/** The parts of n8n's webhook response (an http.ServerResponse) that we write. */
interface WebhookResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** The exact bytes BuildWorkPro signed; never a re-serialisation of the parsed JSON. */
async function rawBodyOf(request: WebhookRequest): Promise<Buffer | undefined> {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	if (typeof request.rawBody === 'string') return Buffer.from(request.rawBody, 'utf8');
	// n8n reads bodies lazily for some webhooks; only read the stream if no parser consumed it.
	if (typeof request.readRawBody === 'function' && request._body !== true && request.readable) {
		await request.readRawBody();
		if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	}
	return undefined;
}

/** Answers directly: n8n must neither start an execution nor send its own response. */
function respond(
	response: WebhookResponse,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/** How to make an event happen: true for BuildWorkPro and for the project's local sandbox alike. */
const MAKE_AN_EVENT =
	'then make one of the selected events happen in BuildWorkPro: in its web app, or from another workflow with the BuildWorkPro node (Contact → Create, for example, sends Contact Created)';

const EXECUTIONS_HELP = {
	inactive: `<b>While building your workflow</b>, click "Execute step", ${MAKE_AN_EVENT}. The event shows up in this editor.<br /><br /><b>Once you're happy with your workflow</b>, publish it: BuildWorkPro then sends it every selected event. Those executions show up in the <a data-key="executions">executions list</a>, not in the editor.`,
	active: `<b>While building your workflow</b>, click "Execute step", ${MAKE_AN_EVENT}. The event shows up in this editor.<br /><br /><b>The workflow is published</b>, so BuildWorkPro also sends it every selected event. Those executions show up in the <a data-key="executions">executions list</a>, not in the editor.`,
};

export class BuildWorkProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BuildWorkPro Trigger',
		name: 'buildWorkProTrigger',
		icon: { light: 'file:buildWorkPro.svg', dark: 'file:buildWorkPro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitle(),
		description:
			'Starts the workflow when BuildWorkPro sends a signed webhook (contacts, bids, projects and more)',
		defaults: {
			name: 'BuildWorkPro Trigger',
		},
		// n8n's own trigger panel says "go to BuildWorkPro and make an event happen"; these add how,
		// in words that hold for BuildWorkPro and for a local sandbox alike.
		triggerPanel: {
			header: 'Pull in events from BuildWorkPro',
			executionsHelp: {
				inactive: EXECUTIONS_HELP.inactive,
				active: EXECUTIONS_HELP.active,
			},
			activationHint: {
				inactive: `Click "Execute step", ${MAKE_AN_EVENT}. Publish the workflow to have it listen continuously (you won't see those executions here).`,
				active: `Click "Execute step", ${MAKE_AN_EVENT}. The published workflow also runs on every such event (those executions are in the executions list, not here).`,
			},
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'buildWorkProApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'buildWorkProOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
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
				// True wherever the node runs. Where BuildWorkPro can deliver to depends on the server (the
				// real one only to public https:// addresses, a local sandbox also to 127.0.0.1), which
				// this panel cannot see: publishing says so, with what to set, when BuildWorkPro refuses
				// the address (lifecycle.ts).
				displayName:
					'Publishing the workflow registers this node\'s webhook URL in BuildWorkPro; unpublishing removes it. The credential needs the "webhooks:manage" scope.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				// The three contact events (DEFAULT_EVENT_TYPES); a literal so n8n's linter can read it
				default: ['contact.created', 'contact.updated', 'contact.deleted'],
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Record Only',
						value: 'record',
						description: "The record from the event's data, with eventType and eventId added",
					},
					{
						name: 'Whole Event',
						value: 'event',
						description:
							'The event as delivered: ID, type, created_at, tenant_id, data and, for updates, previous_attributes',
					},
				],
				default: 'event',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkEndpointExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createEndpoint(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoint(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as WebhookRequest;
		const response = this.getResponseObject() as unknown as WebhookResponse;

		// Verify before anything else; without the raw bytes we cannot, so we refuse (fail closed).
		const rawBody = await rawBodyOf(request);
		const verdict = verifySignature({
			headers: this.getHeaderData() as Record<string, string | string[] | undefined>,
			rawBody,
			secrets: storedSigningSecrets(this.getWorkflowStaticData('node')),
		});
		if (!verdict.valid || rawBody === undefined) {
			const reason = verdict.valid ? 'the raw request body is not available' : verdict.reason;
			this.logger.warn(`BuildWorkPro Trigger refused a delivery: ${reason}`);
			return respond(response, 401, { error: 'invalid_signature', message: reason });
		}

		const delivery = parseDelivery(rawBody);
		if (!delivery.ok) {
			return respond(response, 400, { error: 'invalid_event', message: delivery.reason });
		}

		const selectedEvents = this.getNodeParameter('events', []) as string[];
		if (!selectedEvents.includes(delivery.eventType)) {
			// Acknowledge so BuildWorkPro does not retry an event this workflow does not want.
			return { webhookResponse: { received: true, ignored: delivery.eventType } };
		}

		const shape = this.getNodeParameter('output', 'event') as OutputShape;
		return {
			workflowData: [[{ json: shapeOutput(delivery.event, shape) }]],
		};
	}
}
