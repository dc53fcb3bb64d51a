/**
 * The Stage and User dropdowns (lead stages, users): the same choices as in version 1.0 of the
 * package, where n8n's routing engine loaded them, now sent through our transport.
 */
import type { ILoadOptions } from 'n8n-workflow';

import { loadOptions } from '../../nodes/BuildWorkPro/methods';
import { editorContext, optionsViaRouting } from './editorContext';
import { apiKeyCredentials, apiRequests, sandboxApi, useSandbox } from './support';

const env = useSandbox();
const api = sandboxApi(env);

beforeEach(() => env.sandbox.reset());

/** The dropdowns as version 1.0 declared them (`typeOptions.loadOptions`), run by n8n itself. */
const ROUTED_DROPDOWNS: Record<keyof typeof loadOptions, ILoadOptions> = {
	getLeadStages: {
		routing: {
			request: { method: 'GET', url: '/lead-stages' },
			output: {
				postReceive: [
					{ type: 'rootProperty', properties: { property: 'data' } },
					{
						type: 'setKeyValue',
						properties: { name: '={{ $responseItem.name }}', value: '={{ $responseItem.id }}' },
					},
					{ type: 'sort', properties: { key: 'name' } },
				],
			},
		},
	},
	getUsers: {
		routing: {
			request: { method: 'GET', url: '/users', qs: { limit: 100 } },
			output: {
				postReceive: [
					{ type: 'rootProperty', properties: { property: 'data' } },
					{
						type: 'setKeyValue',
						properties: {
							name: '={{ [$responseItem.firstName, $responseItem.lastName].filter(Boolean).join(" ") || $responseItem.username }}',
							value: '={{ $responseItem.id }}',
						},
					},
					{ type: 'sort', properties: { key: 'name' } },
				],
			},
		},
	},
};

const editor = (apiKey = env.sandbox.keys.full) => ({
	parameters: { authentication: 'apiKey', resource: 'lead', operation: 'create' },
	credentials: apiKeyCredentials(env.sandbox.baseUrl, apiKey),
});

async function open(method: keyof typeof loadOptions, apiKey?: string) {
	return await loadOptions[method].call(editorContext(editor(apiKey), 'parameters.stageId'));
}

describe.each(Object.keys(ROUTED_DROPDOWNS) as Array<keyof typeof loadOptions>)('%s', (method) => {
	it('offers the same choices, in the same order, as the dropdown of version 1.0', async () => {
		const before = await optionsViaRouting(ROUTED_DROPDOWNS[method], editor());

		const now = await open(method);

		expect(before.length).toBeGreaterThan(1);
		expect(now).toEqual(before);
	});

	it('waits out a rate-limit refusal and tries again, as every request of the node does', async () => {
		env.sandbox.injectFault({ kind: 'rate-limited', method: 'GET', count: 1 });

		const options = await open(method);

		expect(options.length).toBeGreaterThan(1);
		expect(apiRequests(env.sandbox, 'GET').map((entry) => entry.status)).toEqual([429, 200]);
	});
});

it('shows a stage just added in BuildWorkPro, sorted by name regardless of case', async () => {
	const added = (await api('POST', '/lead-stages', { name: 'awaiting drawings' })) as {
		id: number;
	};

	const stages = await open('getLeadStages');

	expect(stages).toContainEqual({ name: 'awaiting drawings', value: added.id });
	const names = stages.map((option) => option.name.toLowerCase());
	expect(names).toEqual([...names].sort());
});

it('says in our words when the key may not list users', async () => {
	await expect(open('getUsers', env.sandbox.keys.readOnly)).rejects.toMatchObject({
		name: 'NodeApiError',
		httpCode: '403',
		description: expect.stringContaining('While listing users to choose from.'),
	});
});
