import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_MAX_WAIT_SECONDS } from './transport';

/** Contact types BuildWorkPro accepts, sorted by display name. */
export const contactTypeOptions: INodePropertyOptions[] = [
	{ name: 'Architect', value: 'architect' },
	{ name: 'City', value: 'city' },
	{ name: 'Customer', value: 'customer' },
	{ name: 'Employee', value: 'employee' },
	{ name: 'General Contractor', value: 'general_contractor' },
	{ name: 'HOA', value: 'hoa' },
	{ name: 'Other', value: 'other' },
	{ name: 'Partner', value: 'partner' },
	{ name: 'Subcontractor', value: 'subcontractor' },
	{ name: 'Supplier', value: 'supplier' },
	{ name: 'Vendor', value: 'vendor' },
];

/** An empty value clears a nullable field instead of being rejected as "not an email" and the like. */
const EMPTY_MEANS_NULL = '={{ $value === "" ? null : $value }}';

function bodyField(property: string, value?: string) {
	return { send: { type: 'body' as const, property, ...(value ? { value } : {}) } };
}

/** The writable contact fields, shared by Create's Additional Fields and Update's Update Fields. */
export const contactBodyFields: INodeProperties[] = [
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		routing: bodyField('companyName'),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Leave empty to clear the email address',
		routing: bodyField('email', EMPTY_MEANS_NULL),
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		routing: bodyField('firstName'),
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		routing: bodyField('lastName'),
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		routing: bodyField('mobile', EMPTY_MEANS_NULL),
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		routing: bodyField('notes', EMPTY_MEANS_NULL),
	},
	{
		displayName: 'Parent Contact ID',
		name: 'parentContactId',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'ID of the contact this one belongs to (for example the company of a person). 0 removes the link.',
		routing: bodyField('parentContactId', '={{ $value === 0 || $value === "" ? null : $value }}'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		routing: bodyField('phone', EMPTY_MEANS_NULL),
	},
	{
		displayName: 'Position',
		name: 'position',
		type: 'string',
		default: '',
		description: 'Job title, such as Project Manager',
		routing: bodyField('position', EMPTY_MEANS_NULL),
	},
	{
		displayName: 'Website',
		name: 'website',
		type: 'string',
		default: '',
		routing: bodyField('website', EMPTY_MEANS_NULL),
	},
];

export function contactIdField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1042',
		description,
		displayOptions: { show: { resource: ['contact'], operation: [operation] } },
	};
}

const maxWaitOption: INodeProperties = {
	displayName: 'Max Wait (Seconds)',
	name: 'maxWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_MAX_WAIT_SECONDS,
	description:
		'How long the node may spend, per request, waiting to retry after errors; also the longest single pause for a rate limit. 0 means never wait: no retries.',
};

const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: '={{ $json.submissionId }}',
	description:
		'A value that identifies this change in your source system, such as a form submission ID. The same value always sends the same key, so BuildWorkPro applies the change once even across executions. When not set, the node derives a key per item and execution.',
};

/** "Options" of an operation: mutations also get the Idempotency Key. */
export function optionsCollection(operation: string, mutation: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: [operation] } },
		options: mutation ? [idempotencyKeyOption, maxWaitOption] : [maxWaitOption],
	};
}
