import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { projectTemplate, projectTemplateFields, projectTemplateName } from './fields';

/** PATCH /project-templates/{id}. */
export const updateOperation = updateRecord(projectTemplate, {
	value: 'update',
	name: 'Update',
	action: 'Update a project template',
	description:
		'Change some fields of the project template with this project template ID, such as its name or description; fields left out stay as they are. Returns the updated template.',
	fields: [updateFieldsProperty([projectTemplateName, ...projectTemplateFields])],
});
