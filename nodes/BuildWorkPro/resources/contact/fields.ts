import type { INodePropertyOptions } from 'n8n-workflow';

import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const contact: ResourceSpec = {
	value: 'contact',
	noun: 'contact',
	path: '/contacts',
	idParameter: 'contactId',
	idLabel: 'Contact ID',
};

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

export const contactType: FieldSpec = {
	name: 'type',
	displayName: 'Type',
	kind: 'options',
	options: contactTypeOptions,
	default: 'customer',
	description: 'What kind of contact this is',
};

/** The writable contact fields, shared by Create's Additional Fields and Update's Update Fields. */
export const contactFields: FieldSpec[] = [
	{ name: 'companyName', displayName: 'Company Name', kind: 'string' },
	{
		name: 'email',
		displayName: 'Email',
		kind: 'string',
		nullable: true,
		placeholder: 'name@email.com',
		updateDescription: 'Leave empty to clear the email address',
	},
	{ name: 'firstName', displayName: 'First Name', kind: 'string' },
	{ name: 'lastName', displayName: 'Last Name', kind: 'string' },
	{ name: 'mobile', displayName: 'Mobile', kind: 'string', nullable: true },
	{ name: 'notes', displayName: 'Notes', kind: 'text', nullable: true },
	{
		name: 'parentContactId',
		displayName: 'Parent Contact ID',
		kind: 'reference',
		nullable: true,
		description:
			'ID of the contact this one belongs to (for example the company of a person). 0 removes the link.',
	},
	{ name: 'phone', displayName: 'Phone', kind: 'string', nullable: true },
	{
		name: 'position',
		displayName: 'Position',
		kind: 'string',
		nullable: true,
		description: 'Job title, such as Project Manager',
	},
	{ name: 'website', displayName: 'Website', kind: 'string', nullable: true },
];

export const contactFilters: FieldSpec[] = [
	{
		name: 'dateFrom',
		displayName: 'Created After',
		kind: 'dateTime',
		description: 'Only contacts created at or after this time (UTC unless the value has an offset)',
	},
	{
		name: 'dateTo',
		displayName: 'Created Before',
		kind: 'dateTime',
		description:
			'Only contacts created at or before this time (UTC unless the value has an offset)',
	},
	{
		name: 'search',
		displayName: 'Search',
		kind: 'string',
		description: 'Text to look for in names, company and email',
	},
	{ ...contactType, description: 'Only contacts of this type' },
];
