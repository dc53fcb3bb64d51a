import { deleteRecord } from '../../description/operations';
import { projectTemplate } from './fields';

/** DELETE /project-templates/{id}. */
export const deleteOperation = deleteRecord(projectTemplate, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a project template',
	description:
		'Destructive: delete the project template with this project template ID. Returns its ID with deleted set to true.',
});
