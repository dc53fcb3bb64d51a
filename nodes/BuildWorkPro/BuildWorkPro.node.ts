import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { useFieldLabels } from '../shared/errors';
import { usableAsToolWith } from './description/tools';
import { listSearch, loadOptions } from './methods';
import { fieldLabelOf, resourceOptions, resourceProperties } from './resources';

// A validation error names each field by the label this description gives it.
useFieldLabels(fieldLabelOf);

const properties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'API Key', value: 'apiKey' },
			{ name: 'OAuth2', value: 'oAuth2' },
		],
		default: 'apiKey',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceOptions,
		default: 'contact',
	},
	...resourceProperties,
];

/**
 * BuildWorkPro action node. Declarative: each operation describes its request in `routing`, and
 * the shared transport sends it (pagination, idempotency keys, rate limits, retries, errors).
 */
export class BuildWorkPro implements INodeType {
	methods = { listSearch, loadOptions };

	description: INodeTypeDescription = {
		displayName: 'BuildWorkPro',
		name: 'buildWorkPro',
		icon: { light: 'file:buildWorkPro.svg', dark: 'file:buildWorkPro.dark.svg' },
		group: ['transform'],
		// New nodes get the last version. No defaultVersion: n8n adds "Custom API Call" to the
		// Resource and Operation lists only when defaultVersion is unset or equals the version.
		version: [1, 2],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Automate BuildWorkPro: contacts and leads, bids, projects, change orders, pay applications, invoices, products, site logs, time entries and more',
		defaults: { name: 'BuildWorkPro' },
		// The Tool variant tells the model what each operation does, needs and returns.
		usableAsTool: usableAsToolWith(properties),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'buildWorkProApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'buildWorkProOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl }}',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
		properties,
	};
}
