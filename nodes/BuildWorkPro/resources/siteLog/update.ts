import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import {
	siteLog,
	siteLogDate,
	siteLogFields,
	siteLogNotes,
	siteLogProject,
	withTagList,
} from './fields';

/** PATCH /site-logs/{id}. */
export const updateOperation = updateRecord(siteLog, {
	value: 'update',
	name: 'Update',
	action: 'Update a site log',
	description:
		'Change some fields of the site log with this site log ID, such as its notes, tags or review status; fields left out stay as they are. Returns the updated site log.',
	fields: [
		withTagList(
			updateFieldsProperty([siteLogProject, siteLogDate, siteLogNotes, ...siteLogFields]),
		),
	],
});
