import { forOperations, idsProperty } from '../../shared/fields';
import { getRecordsByIds } from '../../shared/operations';
import { project } from './fields';

/** POST /projects/get-many with up to 50 IDs. */
export const getByIdsOperation = getRecordsByIds(project, {
	value: 'getByIds',
	name: 'Get by IDs',
	action: 'Get projects by IDs',
	description:
		'Retrieve up to 50 projects in one request from a list of project IDs (comma-separated). Returns one item per project found; IDs that do not exist are left out.',
});

export const getByIdsFields = forOperations(project, ['getByIds'], [idsProperty(project)]);
