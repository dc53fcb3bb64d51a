/**
 * The IWorkflowExecuteAdditionalData n8n-core needs to run a workflow, with the same
 * URL layout as an n8n instance listening on `harnessInstanceBaseUrl`. Sub-workflows,
 * task runners and AI features are not supported: they throw if a node reaches them.
 */
import './env';
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';

export const harnessInstanceBaseUrl = 'http://localhost:5678';

export interface AdditionalDataOptions {
	executionId: string;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	credentialsHelper: HarnessCredentialsHelper;
	/** Base of production webhook URLs (`<base>/<webhookId>/<path>`). */
	webhookBaseUrl?: string;
}

function unsupported(feature: string): () => never {
	return () => {
		throw new UnexpectedError(`Harness: ${feature} is not supported in the test harness`);
	};
}

export function createAdditionalData(options: AdditionalDataOptions): {
	additionalData: IWorkflowExecuteAdditionalData;
	hooks: ExecutionLifecycleHooks;
} {
	const base = harnessInstanceBaseUrl;
	const hooks = new ExecutionLifecycleHooks(
		options.mode,
		options.executionId,
		options.workflowData,
	);
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: options.credentialsHelper,
		hooks,
		executionId: options.executionId,
		workflowId: options.workflowData.id,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: options.webhookBaseUrl ?? `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		// No secrets manager: `$secrets` in credentials resolves to nothing, as on an instance without one.
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('task runners (Code node)'),
	};
	return { additionalData, hooks };
}
