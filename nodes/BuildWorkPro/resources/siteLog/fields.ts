import type { INodeProperties } from 'n8n-workflow';

import { searchFilter, userChoice } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const siteLog: ResourceSpec = {
	value: 'siteLog',
	noun: 'site log',
	path: '/site-logs',
	idParameter: 'siteLogId',
	idLabel: 'Site Log ID',
};

export const siteLogProject: FieldSpec = {
	name: 'projectId',
	displayName: 'Project ID',
	kind: 'reference',
	description: 'ID of the project the log is about',
};
export const siteLogDate: FieldSpec = {
	name: 'logDate',
	displayName: 'Log Date',
	kind: 'dateTime',
	description: 'The day the log reports on',
};
export const siteLogNotes: FieldSpec = {
	name: 'notes',
	displayName: 'Notes',
	kind: 'text',
	placeholder: 'Poured footings on grid A; site clean at end of shift',
	description: 'What happened on site that day',
};
export const siteLogCreatedBy = userChoice(
	'createdBy',
	'Created By Name or ID',
	'The user who writes the log.',
);

/** Optional site-log fields (Create's Additional Fields; with project, date and notes, Update's). */
export const siteLogFields: FieldSpec[] = [
	{
		name: 'isReviewed',
		displayName: 'Is Reviewed',
		kind: 'boolean',
		description: 'Whether a supervisor has reviewed the log',
	},
	{
		name: 'issues',
		displayName: 'Issues',
		kind: 'text',
		nullable: true,
		placeholder: 'Rain delay in the afternoon',
		description: 'Problems, delays or safety incidents',
	},
	{
		name: 'lat',
		displayName: 'Latitude',
		kind: 'number',
		description: 'Where the log was written: latitude, from -90 to 90',
	},
	{
		name: 'lng',
		displayName: 'Longitude',
		kind: 'number',
		description: 'Where the log was written: longitude, from -180 to 180',
	},
	{
		name: 'materialsReceived',
		displayName: 'Materials Received',
		kind: 'text',
		nullable: true,
		placeholder: 'Rebar and form ties',
	},
	{
		name: 'personnelCount',
		displayName: 'Personnel Count',
		kind: 'number',
		description: 'How many people worked on site',
	},
	{
		name: 'reviewedAt',
		displayName: 'Reviewed At',
		kind: 'dateTime',
		nullable: true,
		description: 'When the log was reviewed',
	},
	userChoice('reviewedBy', 'Reviewed By Name or ID', 'The user who reviewed the log.'),
	{
		name: 'tags',
		displayName: 'Tags',
		kind: 'string',
		placeholder: 'weather, delay',
		description: 'Labels for the log, separated by commas',
		updateDescription:
			'Labels for the log, separated by commas; they replace the current tags, and an empty value removes them all',
	},
	{
		name: 'title',
		displayName: 'Title',
		kind: 'string',
		nullable: true,
		placeholder: 'Monday: footings',
		description: 'Short title of the log',
	},
	{
		name: 'visitorsOnSite',
		displayName: 'Visitors On Site',
		kind: 'text',
		nullable: true,
		placeholder: 'City inspector',
	},
	{
		name: 'workPerformed',
		displayName: 'Work Performed',
		kind: 'text',
		nullable: true,
		placeholder: 'Framed second-floor partitions',
	},
];

/** "weather, delay" (or an array from an expression) → ["weather", "delay"], as the API takes tags. */
const TAG_LIST =
	'={{ (Array.isArray($value) ? $value : String($value ?? "").split(",")).map((tag) => String(tag).trim()).filter((tag) => tag !== "") }}';

/** The Additional Fields / Update Fields collection, with Tags sent as a list. */
export function withTagList(collection: INodeProperties): INodeProperties {
	return {
		...collection,
		options: (collection.options as INodeProperties[]).map((option) =>
			option.name === 'tags'
				? { ...option, routing: { send: { type: 'body', property: 'tags', value: TAG_LIST } } }
				: option,
		),
	};
}

/** Filters of Get Many. */
export const siteLogFilters: FieldSpec[] = [
	{
		name: 'dateFrom',
		displayName: 'Log Date From',
		kind: 'dateTime',
		description: 'Only site logs dated at or after this time (UTC unless the value has an offset)',
	},
	{
		name: 'dateTo',
		displayName: 'Log Date To',
		kind: 'dateTime',
		description: 'Only site logs dated at or before this time (UTC unless the value has an offset)',
	},
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only site logs of this project',
	},
	{
		name: 'reviewed',
		displayName: 'Review Status',
		kind: 'options',
		options: [
			{ name: 'Not Reviewed', value: 'false' },
			{ name: 'Reviewed', value: 'true' },
		],
		default: 'false',
		description: 'Only site logs that have, or have not, been reviewed',
	},
	searchFilter('the site logs'),
	{
		name: 'tag',
		displayName: 'Tag',
		kind: 'string',
		placeholder: 'safety',
		description: 'Only site logs carrying this tag',
	},
];
