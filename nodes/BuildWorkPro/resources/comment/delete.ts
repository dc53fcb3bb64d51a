import { deleteRecord } from '../../description/operations';
import { comment } from './fields';

/** DELETE /comments/{id} → 200 {id, deleted: true}. */
export const deleteOperation = deleteRecord(comment, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a comment',
	description:
		'Destructive: delete the comment with this comment ID from its thread (users without elevated roles may only delete their own). Returns its ID with deleted set to true.',
});
