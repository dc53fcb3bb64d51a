import { getRecord } from '../../description/operations';
import { projectTemplate } from './fields';

/** GET /project-templates/{id}. */
export const getOperation = getRecord(projectTemplate, {
	value: 'get',
	name: 'Get',
	action: 'Get a project template',
	description:
		'Retrieve one project template by its numeric project template ID. Returns the template with its name, description and timestamps.',
});
