import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { projectTemplate, projectTemplateFields, projectTemplateName } from './fields';

/** POST /project-templates → 201 with the new template. */
export const createOperation = createRecord(projectTemplate, {
	value: 'create',
	name: 'Create',
	action: 'Create a project template',
	description:
		'Create a project template. Needs a name; description, project type and creator are optional. Returns the new template with its ID, name and description.',
	fields: [requiredBodyProperty(projectTemplateName), additionalFields(projectTemplateFields)],
});
