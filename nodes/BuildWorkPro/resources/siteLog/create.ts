import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import {
	siteLog,
	siteLogCreatedBy,
	siteLogDate,
	siteLogFields,
	siteLogNotes,
	siteLogProject,
	withTagList,
} from './fields';

/** POST /site-logs → 201 with the new site log. */
export const createOperation = createRecord(siteLog, {
	value: 'create',
	name: 'Create',
	action: 'Create a site log',
	description:
		'Create a daily site log for a project. Needs the project ID, the log date, notes and the user who writes it; title, tags, work performed, issues, head count and location are optional. Returns the new site log with its ID.',
	fields: [
		requiredBodyProperty(siteLogProject),
		requiredBodyProperty(siteLogDate),
		requiredBodyProperty(siteLogNotes),
		requiredBodyProperty(siteLogCreatedBy),
		withTagList(additionalFields(siteLogFields)),
	],
});
