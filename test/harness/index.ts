/**
 * Test harness: runs this package's nodes through n8n's real execution engine
 * (n8n-core `WorkflowExecute`, n8n-workflow `Workflow`), nothing of n8n mocked.
 *
 * runNode(opts) builds a two-node workflow, "Items Source" (emits `opts.input`) → our
 * node (`opts.parameters`, `opts.settings` as the node's Retry On Fail / On Error
 * fields), runs it with `new WorkflowExecute(additionalData, 'manual').run()` and returns
 * the node's output, the workflow error and the raw IRun. Declarative nodes therefore go
 * through n8n-core's RoutingNode exactly as in n8n; Retry On Fail and Continue On Fail are
 * applied by WorkflowExecute itself (note: n8n treats waitBetweenTries 0 as 1000 ms, so
 * tests pass 1).
 *
 * Node and credential types come from the sources (nodes/**\/*.node.ts,
 * credentials/*.credentials.ts, see loadNodeTypes), registered as
 * `<package name>.<node name>` like an installed community package; tests can add their
 * own with registerNodeType / registerCredentialType. Credentials are served by
 * HarnessCredentialsHelper: the data given in `opts.credentials` with the type's defaults
 * applied, requests authenticated by the type's `authenticate`; OAuth2 credentials
 * (extends oAuth2Api, data with `oauthTokenData`) go through n8n-core's OAuth2 signing.
 *
 * createTriggerHarness(opts) drives a webhook trigger like n8n does on publish and on
 * deliveries: webhookMethods through n8n-core's HookContext, webhook() through its
 * WebhookContext, answers as n8n's webhook service would; listen() serves it over real
 * HTTP on 127.0.0.1.
 *
 * n8n-core is loaded once per test file (~1 s); each run adds a few milliseconds. Its
 * logs are silenced (HARNESS_LOG_LEVEL=debug to see them); its user folder is a temp dir
 * removed after the file.
 */
import './env';

export type { RunNodeOptions, RunNodeResult, RunNodeSettings } from './run-node';
export { runNode, nextExecutionId } from './run-node';
export { loadNodeTypes, registerNodeType, registerCredentialType, packageName } from './node-types';
export type { CredentialUpdate } from './credentials-helper';
export { HarnessCredentialsHelper } from './credentials-helper';
export type {
	Delivery,
	DeliveryRequest,
	DeliveryResult,
	TriggerHarness,
	TriggerHarnessOptions,
} from './trigger';
export { createTriggerHarness } from './trigger';
export { testCredentials } from './credential-test';
