import type { INode } from 'n8n-workflow';

import { apiErrorFromAnswer, problemCode } from '../../nodes/shared/errors';
import { describeTriggerError } from '../../nodes/BuildWorkProTrigger/policy';
import { isPublicHttpsUrl, sameUrl } from '../../nodes/BuildWorkProTrigger/lifecycle';

const node: INode = {
	id: 'trigger-1',
	name: 'BuildWorkPro Trigger',
	type: 'n8n-nodes-buildworkpro.buildWorkProTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('reading BuildWorkPro problem details', () => {
	it('takes the error code from `code`, else from the `#fragment` of the problem type (the documented decision)', () => {
		expect(
			problemCode({ code: 'scope_insufficient', type: 'https://docs.example/errors#forbidden' }),
		).toBe('scope_insufficient');
		expect(problemCode({ type: 'https://app.buildworkpro.com/problems#validation_failed' })).toBe(
			'validation_failed',
		);
		expect(problemCode({ type: 'about:blank' })).toBeUndefined();
	});

	it("keeps BuildWorkPro's words, code and request id in the description when the trigger words the message", () => {
		const answer = {
			statusCode: 422,
			headers: {},
			body: {
				status: 422,
				title: 'Unprocessable Entity',
				detail: 'The request body is invalid.',
				code: 'validation_failed',
				request_id: 'req_123',
				errors: [
					{ field: 'url', code: 'invalid_format', message: 'url must be a public https URL.' },
				],
			},
		};
		const error = apiErrorFromAnswer(node, answer, {
			itemIndex: 0,
			wording: describeTriggerError(answer, {}),
		});
		expect(error.message).toBe('BuildWorkPro answered 422: Unprocessable Entity');
		expect(error.description).toBe(
			'BuildWorkPro said: URL must be a public https URL.\n' +
				'Code: validation_failed · HTTP status: 422 · Request ID: req_123',
		);
	});

	it('a 403 for an inactive subscription is not blamed on a missing scope', () => {
		const wording = describeTriggerError(
			{ statusCode: 403, headers: {}, body: { code: 'subscription_inactive', title: 'Forbidden' } },
			{},
		);
		expect(wording.message).toBe('BuildWorkPro answered 403: Forbidden');
	});
});

describe('wording registration errors', () => {
	it.each([
		['https://n8n.example.com/webhook/abc/webhook', true],
		['http://n8n.example.com/webhook/abc/webhook', false],
		['https://localhost:5678/webhook/abc/webhook', false],
		['https://127.0.0.1/webhook/abc/webhook', false],
		['https://10.1.2.3/webhook', false],
		['https://192.168.0.10/webhook', false],
		['https://172.20.0.5/webhook', false],
		['https://[::1]/webhook', false],
		['https://n8n.internal/webhook', false],
		['not a url', false],
	])('%s counts as a public HTTPS address: %s', (url, expected) => {
		expect(isPublicHttpsUrl(url)).toBe(expected);
	});

	it('matches an endpoint URL that a server spelled differently but equivalently', () => {
		expect(
			sameUrl(
				'https://N8N.example.com:443/webhook/a/webhook',
				'https://n8n.example.com/webhook/a/webhook',
			),
		).toBe(true);
		expect(
			sameUrl(
				'https://n8n.example.com/webhook/a/webhook',
				'https://n8n.example.com/webhook-test/a/webhook',
			),
		).toBe(false);
	});
});
