/**
 * Test harness: runs this package's nodes through n8n's real execution engine
 * (n8n-core `WorkflowExecute`, n8n-workflow `Workflow`); nothing of n8n is mocked.
 *
 * runNode(opts): builds "Items Source" (emits `opts.input`) → our node (`opts.parameters`;
 *   `opts.settings` become the node's Retry On Fail / Max Tries / Wait Between Tries /
 *   On Error fields), runs it with `new WorkflowExecute(additionalData, 'manual').run()`
 *   and returns `{ json, items, errorItems, error, run, executionId, credentialUpdates }`.
 *   Declarative nodes run through n8n-core's RoutingNode as in n8n; retries and
 *   Continue On Fail are WorkflowExecute's own. Gotchas (n8n's behaviour, kept):
 *   - waitBetweenTries 0 means 1000 ms and maxTries is clamped to 2..5: pass waitBetweenTries 1.
 *   - `error` is what n8n stores: a plain copy of the node error (name, message,
 *     description, httpCode, context ...), so match fields, not `instanceof`. Error items
 *     of Continue On Fail keep the real error instance in `items[i].error`.
 *   - parameters get the node's defaults applied, like a workflow saved in the editor.
 *
 * createTriggerHarness(opts): drives a webhook trigger as n8n does. checkExists / create /
 *   delete run `webhookMethods.default` in n8n-core's HookContext; activate() = publish or
 *   restart (checkExists, create if false), deactivate() = unpublish (delete).
 *   `staticData` is the node's static data, kept across calls (assign `{}` to lose it).
 *   receive() runs webhook() in n8n-core's WebhookContext with an express-like request
 *   (lower-cased headers, rawBody Buffer, parsed body) and answers as n8n's webhook
 *   service: `{workflowData}` → 200 "Workflow was started" and a real execution is run;
 *   `{noWebhookResponse: true}` → whatever the node wrote to the response; otherwise the
 *   webhookResponse; a throw → 500; unparseable JSON → 422 and another method → 404,
 *   both before the node. getNodeWebhookUrl('default') returns `opts.webhookUrl` (an
 *   n8n-shaped `<base>/<webhookId>/<path>` URL is computed by n8n-core itself); without
 *   it, call listen() first: it serves the node on 127.0.0.1:<free port> and its URL
 *   becomes the production URL. `deliveries` / waitForDeliveries() record what came in.
 *
 * testCredentials(type, data): n8n's credential test (CredentialsTester): the type's
 *   `test` request via RoutingNode, `rules` → messages, network errors → their code.
 *
 * Types come from the sources (nodes/**\/*.node.ts, credentials/*.credentials.ts) via
 * loadNodeTypes(), registered as `<package name>.<node name>` and by short name; tests
 * register their own with registerNodeType / registerCredentialType. Credentials are served
 * by HarnessCredentialsHelper (n8n's rules: type defaults, expressions, `authenticate`,
 * OAuth2 through n8n-core's signing and refresh with `oauthTokenData`).
 *
 * Cost: n8n-core loads once per test file (~1-2 s); each run adds milliseconds. n8n's
 * logs are silent (HARNESS_LOG_LEVEL=debug shows them); its user folder is a temp dir
 * removed after the file. Not supported: sub-workflows, Code node task runners, binary data.
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
