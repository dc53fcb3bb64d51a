'use strict';
/**
 * Bench only: the floor inside n8n. One loop over n8n's own
 * `this.helpers.httpRequestWithAuthentication('buildWorkProApi', …)`, page after page, one output
 * item per record, and nothing else: no retries, no rate-limit pacing, no error mapping, no
 * parameter reads per page. The credential is read once and handed back to the helper on every
 * page (what our node does for API keys), so the per-page cost is n8n's HTTP stack alone.
 *
 * Plain JS on purpose: the bench packs this folder with `npm pack` as it is, no build step.
 * The credential type `buildWorkProApi` belongs to n8n-nodes-buildworkpro; n8n shares credential
 * types across packages by name, so that package must be installed next to this one.
 */
class BwpBenchFloor {
	constructor() {
		this.description = {
			displayName: 'BWP Bench Floor',
			name: 'bwpBenchFloor',
			group: ['transform'],
			version: 1,
			description: "Bench only: Return All with n8n's HTTP helper and nothing else",
			defaults: { name: 'BWP Bench Floor' },
			inputs: ['main'],
			outputs: ['main'],
			usableAsTool: false,
			credentials: [{ name: 'buildWorkProApi', required: true }],
			properties: [
				{ displayName: 'Path', name: 'path', type: 'string', default: '/contacts' },
				{
					displayName: 'Pagination',
					name: 'pagination',
					type: 'options',
					options: [
						{ name: 'Cursor (limit, meta.pagination.cursor)', value: 'cursor' },
						{ name: 'Page (page, pageSize, meta.pagination.total)', value: 'page' },
					],
					default: 'cursor',
				},
				{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 100 },
				{
					// Diagnostic: what our node asks of the helper (full response, HTTP errors as answers).
					displayName: 'Full Response',
					name: 'fullResponse',
					type: 'boolean',
					default: false,
				},
			],
		};
	}

	async execute() {
		const path = this.getNodeParameter('path', 0);
		const pagination = this.getNodeParameter('pagination', 0);
		const pageSize = this.getNodeParameter('pageSize', 0);
		const fullResponse = this.getNodeParameter('fullResponse', 0, false);
		const data = await this.getCredentials('buildWorkProApi');
		const node = this.getNode();
		const ref = (node.credentials && node.credentials.buildWorkProApi) || {};
		const credentialsDecrypted = {
			id: ref.id || '',
			name: ref.name || '',
			type: 'buildWorkProApi',
			data,
		};
		const url = String(data.baseUrl).replace(/\/+$/, '') + path;
		const out = [];
		const options = fullResponse ? { returnFullResponse: true, ignoreHttpStatusErrors: true } : {};
		const get = async (qs) => {
			const answer = await this.helpers.httpRequestWithAuthentication.call(
				this,
				'buildWorkProApi',
				{ method: 'GET', url, qs, json: true, ...options },
				// A copy: n8n may add to the object it is given.
				{ credentialsDecrypted: { ...credentialsDecrypted, data: { ...data } } },
			);
			return fullResponse ? answer.body : answer;
		};
		if (pagination === 'page') {
			for (let page = 1; ; page++) {
				const body = await get({ page, pageSize });
				for (const record of body.data) out.push({ json: record, pairedItem: { item: 0 } });
				const total = body.meta && body.meta.pagination ? body.meta.pagination.total : undefined;
				if (body.data.length < pageSize || (typeof total === 'number' && page * pageSize >= total))
					break;
			}
		} else {
			let cursor;
			for (;;) {
				const body = await get(cursor ? { limit: pageSize, cursor } : { limit: pageSize });
				for (const record of body.data) out.push({ json: record, pairedItem: { item: 0 } });
				const p = body.meta && body.meta.pagination;
				if (!p || !p.has_more || !p.cursor) break;
				cursor = p.cursor;
			}
		}
		return [out];
	}
}

module.exports = { BwpBenchFloor };
