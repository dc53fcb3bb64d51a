import { dateFilters, leadStageChoice, searchFilter, userChoice } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const lead: ResourceSpec = {
	value: 'lead',
	noun: 'lead',
	path: '/leads',
	idParameter: 'leadId',
	idLabel: 'Lead ID',
};

export const leadName: FieldSpec = {
	name: 'name',
	displayName: 'Name',
	kind: 'string',
	placeholder: 'Kitchen remodel, 12 Oak St',
	description: 'What the lead is about',
};
export const leadStage = leadStageChoice(
	'stageId',
	'Stage Name or ID',
	'The pipeline stage the lead is in.',
);

/** Writable lead fields besides name and stage (Create's Additional Fields; with them, Update's). */
export const leadFields: FieldSpec[] = [
	userChoice('assignedTo', 'Assigned To Name or ID', 'The user responsible for the lead.'),
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the contact the lead came from. 0 removes the link.',
	},
	{ name: 'description', displayName: 'Description', kind: 'text', nullable: true },
	{
		name: 'estimatedValue',
		displayName: 'Estimated Value',
		kind: 'string',
		nullable: true,
		placeholder: '25000.00',
		description: 'Expected contract value, as a decimal number',
	},
	{
		name: 'expectedCloseDate',
		displayName: 'Expected Close Date',
		kind: 'dateTime',
		nullable: true,
	},
	{
		name: 'probability',
		displayName: 'Probability (%)',
		kind: 'number',
		description: 'Chance of winning the work, from 0 to 100',
	},
	{
		name: 'projectType',
		displayName: 'Project Type',
		kind: 'options',
		options: [
			{ name: 'Commercial', value: 'commercial' },
			{ name: 'Industrial', value: 'industrial' },
			{ name: 'Residential', value: 'residential' },
		],
		default: 'residential',
	},
	{ name: 'siteAddress', displayName: 'Site Address', kind: 'string', nullable: true },
	{ name: 'siteCity', displayName: 'Site City', kind: 'string', nullable: true },
	{ name: 'siteState', displayName: 'Site State', kind: 'string', nullable: true },
	{ name: 'siteZipCode', displayName: 'Site Zip Code', kind: 'string', nullable: true },
	{
		name: 'source',
		displayName: 'Source',
		kind: 'string',
		nullable: true,
		placeholder: 'Website form',
		description: 'Where the lead came from',
	},
];

const stageFilter = leadStageChoice('stageId', 'Stage Name or ID', 'Only leads in this stage.');
const assignedFilter = userChoice(
	'assignedTo',
	'Assigned To Name or ID',
	'Only leads assigned to this user.',
);

/** Filters of Get Many and Count. */
export const leadFilters: FieldSpec[] = [
	assignedFilter,
	...dateFilters('leads', true),
	searchFilter('lead names and descriptions'),
	stageFilter,
];

/** Filters of Get Summary. */
export const leadSummaryFilters: FieldSpec[] = [
	assignedFilter,
	...dateFilters('leads'),
	stageFilter,
];
