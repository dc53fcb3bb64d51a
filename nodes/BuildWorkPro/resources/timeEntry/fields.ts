import { userChoice } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const timeEntry: ResourceSpec = {
	value: 'timeEntry',
	noun: 'time entry',
	path: '/time-entries',
	idParameter: 'timeEntryId',
	idLabel: 'Time Entry ID',
};

export const timeEntryUser = userChoice('userId', 'User Name or ID', 'The user who did the work.');
export const timeEntryProject: FieldSpec = {
	name: 'projectId',
	displayName: 'Project ID',
	kind: 'reference',
	description: 'ID of the project the time is booked on',
};
export const timeEntryDate: FieldSpec = {
	name: 'date',
	displayName: 'Date',
	kind: 'dateTime',
	description: 'The day the work was done',
};
export const timeEntryHours: FieldSpec = {
	name: 'hours',
	displayName: 'Hours',
	kind: 'number',
	description: 'Hours worked, from 0.25 to 24',
};

/** Optional time-entry fields (Create's Additional Fields; with user, project, date and hours, Update's). */
export const timeEntryFields: FieldSpec[] = [
	{
		name: 'clockIn',
		displayName: 'Clock In',
		kind: 'dateTime',
		nullable: true,
		description: 'When the user clocked in',
	},
	{
		name: 'clockInAccuracyM',
		displayName: 'Clock In Accuracy (m)',
		kind: 'number',
		description: 'Accuracy of the clock-in location in meters, from 0 to 100,000',
	},
	{
		name: 'clockOut',
		displayName: 'Clock Out',
		kind: 'dateTime',
		nullable: true,
		description: 'When the user clocked out',
	},
	{
		name: 'clockOutAccuracyM',
		displayName: 'Clock Out Accuracy (m)',
		kind: 'number',
		description: 'Accuracy of the clock-out location in meters, from 0 to 100,000',
	},
	{
		name: 'clockOutLat',
		displayName: 'Clock Out Latitude',
		kind: 'number',
		description: 'Latitude where the user clocked out, from -90 to 90',
	},
	{
		name: 'clockOutLng',
		displayName: 'Clock Out Longitude',
		kind: 'number',
		description: 'Longitude where the user clocked out, from -180 to 180',
	},
	{
		name: 'entryType',
		displayName: 'Entry Type',
		kind: 'string',
		placeholder: 'regular',
		description: 'Kind of time, such as regular or overtime (up to 20 characters)',
	},
	{
		name: 'isReviewed',
		displayName: 'Is Reviewed',
		kind: 'boolean',
		description: 'Whether a supervisor has reviewed the entry',
	},
	{
		name: 'lat',
		displayName: 'Latitude',
		kind: 'number',
		description: 'Latitude where the user clocked in, from -90 to 90',
	},
	{
		name: 'lng',
		displayName: 'Longitude',
		kind: 'number',
		description: 'Longitude where the user clocked in, from -180 to 180',
	},
	{
		name: 'notes',
		displayName: 'Notes',
		kind: 'text',
		nullable: true,
		placeholder: 'Framing, level 2',
		description: 'What the time was spent on',
	},
	{
		name: 'phaseId',
		displayName: 'Phase ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the project phase. 0 removes the link.',
	},
	{
		name: 'reviewedAt',
		displayName: 'Reviewed At',
		kind: 'dateTime',
		nullable: true,
		description: 'When the entry was reviewed',
	},
	userChoice('reviewedBy', 'Reviewed By Name or ID', 'The user who reviewed the entry.'),
	{
		name: 'taskId',
		displayName: 'Task ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the project task. 0 removes the link.',
	},
];

const workDateFrom: FieldSpec = {
	name: 'dateFrom',
	displayName: 'Date From',
	kind: 'dateTime',
	description: 'Only time worked at or after this date (UTC unless the value has an offset)',
};
const workDateTo: FieldSpec = {
	name: 'dateTo',
	displayName: 'Date To',
	kind: 'dateTime',
	description: 'Only time worked at or before this date (UTC unless the value has an offset)',
};
const projectFilter: FieldSpec = {
	name: 'projectId',
	displayName: 'Project ID',
	kind: 'reference',
	description: 'Only time booked on this project',
};
const userFilter = userChoice('userId', 'User Name or ID', 'Only time of this user.');

/** Filters of Get Many. */
export const timeEntryFilters: FieldSpec[] = [
	workDateFrom,
	workDateTo,
	{
		name: 'isReviewed',
		displayName: 'Review Status',
		kind: 'options',
		options: [
			{ name: 'Not Reviewed', value: 'false' },
			{ name: 'Reviewed', value: 'true' },
		],
		default: 'false',
		description: 'Only entries that have, or have not, been reviewed',
	},
	projectFilter,
	userFilter,
];

/** Filters of Get Summary (the dates bound the work date). */
export const timeEntrySummaryFilters: FieldSpec[] = [
	workDateFrom,
	workDateTo,
	projectFilter,
	userFilter,
];
