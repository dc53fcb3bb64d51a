/**
 * testCredentials(): what n8n does when a user clicks "Test" / saves a credential
 * (n8n's CredentialsTester): the credential type's `test` request run through n8n-core's
 * RoutingNode, with the `rules` mapping error statuses to messages.
 */
import './env';
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import { loadNodeTypes } from './node-types';
import { nextExecutionId } from './run-node';

/** n8n-nodes-base's No Operation node, which n8n uses to run a credential's own test request. */
const noOpDescription: INodeType['description'] = {
	displayName: 'No Operation, do nothing',
	name: 'noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

type TestDefinition =
	| { kind: 'request'; testRequest: ICredentialTestRequest; nodeType?: INodeType }
	| { kind: 'function'; test: ICredentialTestFunction }
	| { kind: 'oauth2' };

function findTest(type: string): TestDefinition | undefined {
	const { nodeTypes, credentialTypes } = loadNodeTypes();
	const credentialType = credentialTypes.getByName(type);
	if (credentialType.test) return { kind: 'request', testRequest: credentialType.test };
	for (const name of nodeTypes.knownTypeNames()) {
		const versions = nodeTypes.getByName(name);
		const all = 'nodeVersions' in versions ? Object.values(versions.nodeVersions) : [versions];
		for (const nodeType of all) {
			for (const { name: credentialName, testedBy } of nodeType.description.credentials ?? []) {
				if (credentialName !== type) continue;
				if (type === 'oAuth2Api' || credentialTypes.getParentTypes(type).includes('oAuth2Api')) {
					return { kind: 'oauth2' };
				}
				if (typeof testedBy === 'string') {
					const test = nodeType.methods?.credentialTest?.[testedBy];
					if (test) return { kind: 'function', test };
				} else if (testedBy) {
					return { kind: 'request', testRequest: testedBy, nodeType };
				}
			}
		}
	}
	return undefined;
}

/** Tests credential data the way n8n's credential modal does; resolves with n8n's result. */
export async function testCredentials(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { nodeTypes, credentialTypes } = loadNodeTypes();
	const definition = findTest(type);
	if (!definition)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, nodeTypes, {
		[type]: data,
	});
	const executionId = nextExecutionId();
	const baseNode: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: `harness-${type}`, name: type } },
	};
	const workflowData = {
		id: 'harness-credential-test',
		name: 'Credential test',
		active: false,
		isArchived: false,
		nodes: [baseNode],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const { additionalData } = createAdditionalData({
		executionId,
		mode: 'internal',
		workflowData,
		credentialsHelper,
	});
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `harness-${type}`,
		name: type,
		type,
		data: credentialsHelper.applyDefaults(additionalData, data, type, 'internal'),
	};

	if (definition.kind === 'oauth2') {
		const tokenData = credentialsDecrypted.data?.oauthTokenData as IDataObject | undefined;
		return tokenData && typeof tokenData === 'object' && 'access_token' in tokenData
			? { status: 'OK', message: 'Connection Successful' }
			: { status: 'Error', message: 'This OAuth2 credential was not connected to an account.' };
	}
	if (definition.kind === 'function') {
		return await definition.test.call(new CredentialTestContext(), credentialsDecrypted);
	}

	const baseType = definition.nodeType ?? { description: noOpDescription };
	const testNodeType: INodeType = {
		description: {
			...baseType.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: definition.testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		...baseNode,
		type: testNodeType.description.name,
		typeVersion: Array.isArray(testNodeType.description.version)
			? testNodeType.description.version.slice(-1)[0]
			: testNodeType.description.version,
	};
	const testNodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: () => testNodeType,
		getByNameAndVersion: (_name, version) =>
			NodeHelpers.getVersionedNodeType(testNodeType, version),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: testNodeTypes,
	});
	const runExecutionData: IRunExecutionData = createRunExecutionData({});
	const executeData: IExecuteData = { node, data: {}, source: null };
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

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		const failedResponse = error.cause?.response;
		if (failedResponse) {
			for (const rule of definition.testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && failedResponse.status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (failedResponse.status < 199 || failedResponse.status > 299) {
				return {
					status: 'Error',
					message:
						failedResponse.statusText || `Received HTTP status code: ${failedResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message };
	}

	for (const rule of definition.testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			const value = rule.properties.key
				.split('.')
				.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], body);
			if (value === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
