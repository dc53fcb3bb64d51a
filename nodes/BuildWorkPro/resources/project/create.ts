import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { project, projectFields, projectName } from './fields';

/** POST /projects → 201 with the new project. */
export const createOperation = createRecord(project, {
	value: 'create',
	name: 'Create',
	action: 'Create a project',
	description:
		'Create a project (a job under contract). Needs a name; status, contact ID, assignee, dates (ISO 8601), contract values and site address are optional. Returns the new project with its ID.',
	fields: [requiredBodyProperty(projectName), additionalFields(projectFields)],
});
