/**
 * runNode(): one of our nodes inside a real n8n-core WorkflowExecute run.
 */
import './env';
import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeTypeDescription,
	IRun,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialUpdate } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import { ITEMS_SOURCE_TYPE, loadNodeTypes, sourceItemsByExecution } from './node-types';

export interface RunNodeSettings {
	retryOnFail?: boolean;
	/** n8n clamps to 2..5 (default 3). */
	maxTries?: number;
	/** Milliseconds, n8n clamps to 0..5000 and treats 0 as "default" (1000): use 1 for fast tests. */
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** Legacy form of onError: 'continueRegularOutput'. */
	continueOnFail?: boolean;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
}

export interface RunNodeOptions {
	/** Node type: short name ('buildWorkPro') or full n8n type name. Default 'buildWorkPro'. */
	type?: string;
	parameters: INodeParameters;
	/** Credential data per credential type name; the node gets a reference to each one given. */
	credentials?: {
		buildWorkProApi?: { apiKey: string; baseUrl: string } & ICredentialDataDecryptedObject;
		buildWorkProOAuth2Api?: ICredentialDataDecryptedObject;
	} & Record<string, ICredentialDataDecryptedObject | undefined>;
	/** JSON of the items reaching the node. Default: one empty item. */
	input?: IDataObject[];
	settings?: RunNodeSettings;
	/** Default: a fresh numeric id per run, like n8n's. */
	executionId?: string;
	/** Default 'manual' (a run from the editor); 'trigger' / 'webhook' for production runs. */
	mode?: WorkflowExecuteMode;
	/** Default: the latest version of the node type. */
	typeVersion?: number;
	/** Default: the type's default node name (e.g. "BuildWorkPro"). */
	nodeName?: string;
	/** Default: a fixed id per type, so ids derived from it are stable across runs. */
	nodeId?: string;
	workflowId?: string;
	/** Workflow static data (shared with later runs if the same object is passed again). */
	staticData?: IDataObject;
}

export interface RunNodeResult {
	/** Output items' json (main output 0). */
	json: IDataObject[];
	/** Output items as n8n returns them (error items carry `.error` with Continue On Fail). */
	items: INodeExecutionData[];
	/** Items on the error output (main output 1) when onError is 'continueErrorOutput'. */
	errorItems: INodeExecutionData[];
	/** The workflow error when the run failed (NodeApiError / NodeOperationError ...). */
	error?: ExecutionBaseError;
	run: IRun;
	executionId: string;
	/** Credential writes n8n-core made during the run (OAuth2 token refresh ...). */
	/** How many times the run read decrypted credentials (a database lookup inside n8n). */
	credentialReads: number;
	credentialUpdates: CredentialUpdate[];
	/** The node as it was placed in the workflow. */
	node: INode;
}

let executionCounter = Math.floor(Math.random() * 90_000) + 10_000;

export function nextExecutionId(): string {
	executionCounter += 1;
	return String(executionCounter);
}

function latestVersion(description: INodeTypeDescription & { defaultVersion?: number }): number {
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	return Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const { nodeTypes, credentialTypes } = loadNodeTypes();
	const typeName = nodeTypes.resolveTypeName(opts.type ?? 'buildWorkPro');
	const description = nodeTypes.getByName(typeName).description as INodeTypeDescription;
	// Specs describe version 1, what saved workflows run, unless they ask for another
	// (BWP_NODE_VERSION runs a whole suite on one, e.g. 2).
	const typeVersion =
		opts.typeVersion ??
		(process.env.BWP_NODE_VERSION
			? Number(process.env.BWP_NODE_VERSION)
			: Math.min(latestVersion(description), 1));
	const executionId = opts.executionId ?? nextExecutionId();
	const mode = opts.mode ?? 'manual';

	const givenCredentials = Object.fromEntries(
		Object.entries(opts.credentials ?? {}).filter(
			(entry): entry is [string, ICredentialDataDecryptedObject] => entry[1] !== undefined,
		),
	);
	const nodeCredentials: INodeCredentials = {};
	for (const credentialType of Object.keys(givenCredentials)) {
		nodeCredentials[credentialType] = { id: `harness-${credentialType}`, name: credentialType };
	}

	const settings = opts.settings ?? {};
	const nodeName = opts.nodeName ?? description.defaults.name ?? description.displayName;
	const node: INode = {
		id: opts.nodeId ?? `00000000-0000-4000-8000-${hashToHex(typeName)}`,
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [260, 0],
		parameters: opts.parameters,
		credentials: nodeCredentials,
		...(settings.retryOnFail !== undefined && { retryOnFail: settings.retryOnFail }),
		...(settings.maxTries !== undefined && { maxTries: settings.maxTries }),
		...(settings.waitBetweenTries !== undefined && { waitBetweenTries: settings.waitBetweenTries }),
		...(settings.onError !== undefined && { onError: settings.onError }),
		...(settings.continueOnFail !== undefined && { continueOnFail: settings.continueOnFail }),
		...(settings.alwaysOutputData !== undefined && { alwaysOutputData: settings.alwaysOutputData }),
		...(settings.executeOnce !== undefined && { executeOnce: settings.executeOnce }),
	};
	const sourceNode: INode = {
		id: '00000000-0000-4000-8000-000000000001',
		name: nodeName === 'Items Source' ? 'Harness Items Source' : 'Items Source',
		type: ITEMS_SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections: IConnections = {
		[sourceNode.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
	};
	const workflowData: IWorkflowBase = {
		id: opts.workflowId ?? 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		nodes: [sourceNode, node],
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
		staticData: opts.staticData,
	});

	const credentialsHelper = new HarnessCredentialsHelper(
		credentialTypes,
		nodeTypes,
		givenCredentials,
	);
	const { additionalData } = createAdditionalData({
		executionId,
		mode,
		workflowData,
		credentialsHelper,
	});

	sourceItemsByExecution.set(
		executionId,
		(opts.input ?? [{}]).map((json) => ({ json })),
	);
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode: sourceNode });
	} finally {
		sourceItemsByExecution.delete(executionId);
	}
	if (opts.staticData && workflow.staticData !== opts.staticData) {
		Object.assign(opts.staticData, workflow.staticData);
	}

	const nodeRuns = run.data.resultData.runData[node.name] ?? [];
	const lastRun = nodeRuns[nodeRuns.length - 1];
	const items = lastRun?.data?.main?.[0] ?? [];
	const errorItems = lastRun?.data?.main?.[1] ?? [];
	// The task's error is the node's own error instance (NodeApiError ...); the workflow-level
	// copy in resultData.error is a plain object spread from it.
	const error = lastRun?.error ?? run.data.resultData.error;
	return {
		json: items.map((item) => item.json),
		items,
		errorItems,
		...(error !== undefined && { error }),
		run,
		executionId,
		credentialUpdates: credentialsHelper.updates,
		credentialReads: credentialsHelper.decryptedReads,
		node,
	};
}

/** 12 hex digits derived from a string: stable node ids per node type. */
function hashToHex(value: string): string {
	let hash = 0x811c9dc5;
	for (const char of value) {
		hash ^= char.charCodeAt(0);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0') + '0000';
}
