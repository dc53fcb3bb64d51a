/**
 * The node's editor lookups (resource locator lists, dropdowns) called as n8n calls them when the
 * user opens a list in the editor: n8n's DynamicNodeParametersService puts the node's current
 * parameters on a temporary node and hands the method n8n-core's real LoadOptionsContext. The
 * credentials are served by the test harness (n8n's rules for `authenticate`).
 */
import '../harness/env';
import { ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	ILoadOptions,
	INode,
	INodeParameters,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from '../harness/additional-data';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { loadNodeTypes } from '../harness';

export interface EditorContextOptions {
	/** The node's parameters as the editor has them (resource, operation, the parent's ID …). */
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Default 1, the node version the dropdowns are on today. */
	typeVersion?: number;
}

function temporaryWorkflow(options: EditorContextOptions) {
	const { nodeTypes, credentialTypes } = loadNodeTypes();
	const type = nodeTypes.resolveTypeName('buildWorkPro');
	const node: INode = {
		id: 'uuid-1234',
		name: 'Temp-Node',
		type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((credentialType) => [
				credentialType,
				{ id: `harness-${credentialType}`, name: credentialType },
			]),
		),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new HarnessCredentialsHelper(
		credentialTypes,
		nodeTypes,
		options.credentials,
	);
	const { additionalData } = createAdditionalData({
		executionId: '',
		mode: 'internal',
		workflowData: {
			id: 'editor',
			name: 'Editor',
			nodes: [node],
			connections: {},
		} as unknown as IWorkflowBase,
		credentialsHelper,
	});
	additionalData.currentNodeParameters = options.parameters;
	return { workflow, node: workflow.nodes['Temp-Node'], additionalData, nodeTypes, type };
}

/** The `this` of a listSearch or loadOptions method, for the parameter at `path`. */
export function editorContext(
	options: EditorContextOptions,
	path = 'parameters.id',
): LoadOptionsContext {
	const { workflow, node, additionalData } = temporaryWorkflow(options);
	return new LoadOptionsContext(workflow, node, additionalData, path);
}

/**
 * A dropdown declared with `typeOptions.loadOptions.routing`, loaded as n8n does it
 * (DynamicNodeParametersService.getOptionsViaLoadOptions): the routing run by n8n-core's
 * RoutingNode on a temporary node type whose only property carries it.
 */
export async function optionsViaRouting(
	loadOptions: ILoadOptions,
	options: EditorContextOptions,
): Promise<unknown[]> {
	const { workflow, node, additionalData, nodeTypes, type } = temporaryWorkflow(options);
	const nodeType = nodeTypes.getByNameAndVersion(type, node.typeVersion);
	const temporaryType = {
		...nodeType,
		description: {
			...nodeType.description,
			properties: [
				{ displayName: '', type: 'string', name: '', default: '', routing: loadOptions.routing },
			],
		},
	} as INodeType;
	const runExecutionData = createRunExecutionData({ executionData: {} });
	const executeData: IExecuteData = { node, source: null, data: {} };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const output = await new RoutingNode(context, temporaryType).runNode();
	return (output?.[0] ?? []).map((item) => item.json);
}
