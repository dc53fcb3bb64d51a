import { isPublicHttpsUrl, sameUrl } from '../../nodes/BuildWorkProTrigger/lifecycle';
import { problemCode, problemSummary } from '../../nodes/BuildWorkProTrigger/transport';

describe('reading BuildWorkPro problem details', () => {
	it('takes the error code from `code`, else from the `#fragment` of the problem type (the documented decision)', () => {
		expect(problemCode({ code: 'scope_insufficient', type: 'https://docs.example/errors#forbidden' })).toBe('scope_insufficient');
		expect(problemCode({ type: 'https://app.buildworkpro.com/problems#validation_failed' })).toBe('validation_failed');
		expect(problemCode({ type: 'about:blank' })).toBeUndefined();
	});

	it('summarises detail, field errors, code and request id for the error description', () => {
		const summary = problemSummary({
			status: 422,
			detail: 'The request body is invalid.',
			code: 'validation_failed',
			request_id: 'req_123',
			errors: [{ field: 'url', code: 'invalid_format', message: 'url must be a public https URL.' }],
		});
		expect(summary).toBe(
			'The request body is invalid. url: url must be a public https URL. (code: validation_failed, request_id: req_123)',
		);
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
		expect(sameUrl('https://N8N.example.com:443/webhook/a/webhook', 'https://n8n.example.com/webhook/a/webhook')).toBe(true);
		expect(sameUrl('https://n8n.example.com/webhook/a/webhook', 'https://n8n.example.com/webhook-test/a/webhook')).toBe(false);
	});
});
