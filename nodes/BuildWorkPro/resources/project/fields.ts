import { dateFilters, searchFilter, userChoice } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const project: ResourceSpec = {
	value: 'project',
	noun: 'project',
	path: '/projects',
	idParameter: 'projectId',
	idLabel: 'Project ID',
};

export const projectName: FieldSpec = {
	name: 'name',
	displayName: 'Name',
	kind: 'string',
	placeholder: 'Riverside office build-out',
	description: 'Name of the project',
};

/** The project statuses BuildWorkPro accepts, sorted by display name. */
const projectStatus: FieldSpec = {
	name: 'status',
	displayName: 'Status',
	kind: 'options',
	options: [
		{ name: 'Cancelled', value: 'cancelled' },
		{ name: 'Closeout', value: 'closeout' },
		{ name: 'Completed', value: 'completed' },
		{ name: 'In Progress', value: 'in_progress' },
		{ name: 'On Hold', value: 'on_hold' },
		{ name: 'Planning', value: 'planning' },
	],
	default: 'planning',
	description: 'Where the project is in its life',
};

/**
 * Writable project fields besides the name (Create's Additional Fields; with the name, Update's).
 * The API takes the contract values as decimal strings or numbers: they are sent as the text typed.
 */
export const projectFields: FieldSpec[] = [
	{
		name: 'actualEndDate',
		displayName: 'Actual End Date',
		kind: 'dateTime',
		nullable: true,
		description: 'When the work actually finished',
	},
	userChoice('assignedTo', 'Assigned To Name or ID', 'The user responsible for the project.'),
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the customer contact of the project. 0 removes the link.',
	},
	{
		name: 'contractValue',
		displayName: 'Contract Value',
		kind: 'string',
		nullable: true,
		placeholder: '125000.00',
		description: 'Current contract value, as a decimal number',
	},
	{ name: 'description', displayName: 'Description', kind: 'text', nullable: true },
	{
		name: 'expectedEndDate',
		displayName: 'Expected End Date',
		kind: 'dateTime',
		nullable: true,
		description: 'When the work is planned to finish',
	},
	{
		name: 'originalContractValue',
		displayName: 'Original Contract Value',
		kind: 'string',
		nullable: true,
		placeholder: '120000.00',
		description: 'Contract value before change orders, as a decimal number',
	},
	{
		name: 'priority',
		displayName: 'Priority',
		kind: 'string',
		nullable: true,
		placeholder: 'high',
		description: 'Priority label, such as low, normal or high',
	},
	{
		name: 'projectNumber',
		displayName: 'Project Number',
		kind: 'string',
		placeholder: 'PRJ-00042',
		description: 'Your reference for the project; BuildWorkPro numbers it when left out',
	},
	{
		name: 'projectType',
		displayName: 'Project Type',
		kind: 'string',
		nullable: true,
		placeholder: 'commercial',
		description: 'Kind of work, such as residential, commercial or industrial',
	},
	{ name: 'siteAddress', displayName: 'Site Address', kind: 'string', nullable: true },
	{ name: 'siteCity', displayName: 'Site City', kind: 'string', nullable: true },
	{ name: 'siteState', displayName: 'Site State', kind: 'string', nullable: true },
	{ name: 'siteZipCode', displayName: 'Site Zip Code', kind: 'string', nullable: true },
	{
		name: 'startDate',
		displayName: 'Start Date',
		kind: 'dateTime',
		nullable: true,
		description: 'When the work starts',
	},
	projectStatus,
];

/** Filters of Get Many and Count. */
export const projectFilters: FieldSpec[] = [
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		description: 'Only projects of this contact',
	},
	...dateFilters('projects', true),
	searchFilter('project names, numbers, descriptions and site addresses'),
	{ ...projectStatus, description: 'Only projects in this status' },
];

/** Filters of Get Summary. */
export const projectSummaryFilters: FieldSpec[] = [
	userChoice('assignedTo', 'Assigned To Name or ID', 'Only projects assigned to this user.'),
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		description: 'Only projects of this contact',
	},
	...dateFilters('projects'),
];
