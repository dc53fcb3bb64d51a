import { deleteRecord } from '../../description/operations';
import { lead } from './fields';

/** DELETE /leads/{id}. */
export const deleteOperation = deleteRecord(lead, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a lead',
	description:
		'Destructive: delete the lead with this lead ID. Returns its ID with deleted set to true.',
});
