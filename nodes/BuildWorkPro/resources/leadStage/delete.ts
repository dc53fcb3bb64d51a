import { deleteRecord } from '../../description/operations';
import { leadStage } from './fields';

/** DELETE /lead-stages/{id}. */
export const deleteOperation = deleteRecord(leadStage, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a lead stage',
	description:
		'Destructive: remove the lead stage with this ID from the pipeline. Returns its ID with deleted set to true.',
});
