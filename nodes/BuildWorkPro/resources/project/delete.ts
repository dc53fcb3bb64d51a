import { deleteRecord } from '../../description/operations';
import { project } from './fields';

/** DELETE /projects/{id} (BuildWorkPro keeps it as soft-deleted). */
export const deleteOperation = deleteRecord(project, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a project',
	description:
		'Destructive: delete the project with this project ID. Returns its ID with deleted set to true.',
});
