import { problemCode, problemOf } from '../shared/errors';
import type { ApiAnswer, ErrorWording } from '../shared/errors';
import type { CallPolicy } from '../shared/transport/request';

/**
 * How the trigger's webhook-endpoint calls differ from the action node's: n8n waits for them
 * while it publishes the workflow, so they give up after a few seconds instead of minutes, and
 * their errors speak of publishing. Everything else (auth, Idempotency-Key, pacing, retries,
 * redaction) is the shared transport's.
 */

/** The trigger's words for a failed call: what the user can do about it, in publishing terms. */
export function describeTriggerError(
	answer: ApiAnswer,
	facts: { retryAfterMs?: number },
): ErrorWording {
	const body = problemOf(answer);
	const code = problemCode(body);
	const { statusCode } = answer;
	if (statusCode === 401) {
		return {
			message:
				'BuildWorkPro rejected the credential: check that the API key or OAuth2 connection is still valid',
		};
	}
	if (statusCode === 403 && code !== 'subscription_inactive' && code !== 'tenant_suspended') {
		return {
			message:
				'The BuildWorkPro credential lacks the "webhooks:manage" scope, which the trigger needs to register its webhook',
		};
	}
	if (statusCode === 429) {
		const when =
			facts.retryAfterMs !== undefined ? ` in about ${Math.ceil(facts.retryAfterMs / 1000)} s` : '';
		return { message: `BuildWorkPro is rate limiting this API key: try publishing again${when}` };
	}
	const title = typeof body.title === 'string' ? body.title : 'Request failed';
	return { message: `BuildWorkPro answered ${statusCode}: ${title}` };
}

/** Every webhook-endpoint call: at most 3 attempts, and no single wait over 10 s. */
export const ACTIVATION_POLICY: CallPolicy = {
	maxAttempts: 3,
	maxSingleWaitMs: 10_000,
	describeError: describeTriggerError,
};
