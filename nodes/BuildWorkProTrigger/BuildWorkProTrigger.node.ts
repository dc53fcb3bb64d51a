import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { EVENT_OPTIONS, eventsSubtitle } from './events';
import { chosenChanges, isUpdateEvent, parseFieldList } from './changes';
import { parseDelivery, shapeOutput, type OutputShape } from './delivery';
import {
	DeliveryMemory,
	dropRecordedEvents,
	settleWhenAnswered,
	type AnsweredResponse,
} from './dedupe';
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

/** The parts of n8n's webhook response (an http.ServerResponse) that we write and listen to. */
interface WebhookResponse extends AnsweredResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** This process's memory of accepted events, shared by every BuildWorkPro Trigger it runs. */
const acceptedEvents = new DeliveryMemory();

/** Whether repeated deliveries are dropped: the option, on unless switched off. */
function ignoresRepeats(value: unknown): boolean {
	return value !== false;
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
	headers: Record<string, string> = {},
): IWebhookResponseData {
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Ignore Repeated Deliveries',
						name: 'ignoreRepeatedDeliveries',
						type: 'boolean',
						default: true,
						description:
							"Whether an event that already started this workflow is answered without starting it again. BuildWorkPro re-sends an event when it got no answer in time, and a replay sends it once more; both keep the event's ID. Turn off to have replays run the workflow again.",
					},
					{
						displayName: 'Only When These Fields Change',
						name: 'changedFields',
						type: 'string',
						default: '',
						placeholder: 'e.g. status, contractValue',
						description:
							'For update events (e.g. Contact Updated): start the workflow only when one of these fields changed. Comma-separated API field names; the output then lists each of them that changed under changedFields, with its old and new value. Other events are not affected.',
					},
				],
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
		const output = shapeOutput(delivery.event, shape);

		const changedFields = parseFieldList(this.getNodeParameter('options.changedFields', ''));
		if (changedFields.length > 0 && isUpdateEvent(delivery.eventType)) {
			const changes = chosenChanges(delivery.event, changedFields);
			if (Object.keys(changes).length === 0) {
				return {
					webhookResponse: {
						received: true,
						ignored: delivery.eventType,
						reason: 'none of the chosen fields changed',
					},
				};
			}
			output.changedFields = changes as unknown as IDataObject;
		}

		const eventId = typeof delivery.event.id === 'string' ? delivery.event.id : '';
		// Test events ("Execute step") reach the same node with the same event ids as the published
		// workflow's deliveries: only the published workflow's are remembered.
		const remember =
			eventId !== '' &&
			this.getMode() === 'webhook' &&
			ignoresRepeats(this.getNodeParameter('options.ignoreRepeatedDeliveries', true));
		if (remember) {
			const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${eventId}`;
			const claim = acceptedEvents.claim(key);
			if (claim === 'accepted') {
				return { webhookResponse: { received: true, duplicate: eventId } };
			}
			if (claim === 'in-flight') {
				// The first delivery is still being started and may yet fail. A 2xx now could lose the
				// event, a 4xx would stop BuildWorkPro's retries: a 503 makes it try again later.
				return respond(
					response,
					503,
					{ error: 'delivery_in_progress', message: `event ${eventId} is being handled` },
					{ 'Retry-After': '60' },
				);
			}
			// Remembered only once n8n has answered 2xx: on n8n 2.x that answer comes after the
			// execution was created, so an event that failed to start is retried, never dropped.
			settleWhenAnswered(acceptedEvents, key, response);
		}
		return { workflowData: [[{ json: output }]] };
	}

	/**
	 * n8n runs this on the trigger's items when an execution starts (on a worker in queue mode).
	 * It drops events already recorded in n8n's deduplication store: the repeats this process's
	 * memory could not see (delivered to another webhook process, or before a restart).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (
			this.getMode() !== 'webhook' ||
			!ignoresRepeats(this.getNodeParameter('options.ignoreRepeatedDeliveries', 0, true))
		) {
			return [items];
		}
		const shape = this.getNodeParameter('output', 0, 'event') as OutputShape;
		return [await dropRecordedEvents(this, items, shape)];
	}
}
