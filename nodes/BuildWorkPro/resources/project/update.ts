import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { project, projectFields, projectName } from './fields';

/** PATCH /projects/{id}. */
export const updateOperation = updateRecord(project, {
	value: 'update',
	name: 'Update',
	action: 'Update a project',
	description:
		'Change some fields of the project with this project ID (for example its status or expected end date); fields left out stay as they are. Returns the updated project.',
	fields: [updateFieldsProperty([projectName, ...projectFields])],
});
