import { getRecord } from '../../description/operations';
import { project } from './fields';

/** GET /projects/{id}. */
export const getOperation = getRecord(project, {
	value: 'get',
	name: 'Get',
	action: 'Get a project',
	description:
		'Retrieve one project by its numeric project ID. Returns the project with its status, dates, contract values and site address.',
});
