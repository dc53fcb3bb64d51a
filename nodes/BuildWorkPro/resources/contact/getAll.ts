import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { contactTypeOptions, optionsCollection } from '../../shared/descriptions';
import { fetchAllPages } from '../../shared/pagination';
import { normalizeListFilters } from '../../shared/preSend';

const show = { resource: ['contact'], operation: ['getAll'] };

/** GET /contacts, page after page (cursor), one output item per contact. */
export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many contacts',
	description: 'List contacts, optionally filtered',
	routing: {
		request: { method: 'GET', url: '/contacts' },
		send: { paginate: true, preSend: [normalizeListFilters] },
		operations: { pagination: fetchAllPages },
	},
};

export const getAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
		// The pager asks for pages of at most what is still missing and stops here.
		routing: { output: { maxResults: '={{ $value }}' } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Created After',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only contacts created at or after this time (UTC unless the value has an offset)',
				routing: { send: { type: 'query', property: 'dateFrom' } },
			},
			{
				displayName: 'Created Before',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only contacts created at or before this time (UTC unless the value has an offset)',
				routing: { send: { type: 'query', property: 'dateTo' } },
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text to look for in names, company and email',
				routing: { send: { type: 'query', property: 'search' } },
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: contactTypeOptions,
				default: 'customer',
				description: 'Only contacts of this type',
				routing: { send: { type: 'query', property: 'type' } },
			},
		],
	},
	optionsCollection('getAll', false),
];
