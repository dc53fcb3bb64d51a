import { forOperations, requiredBodyProperty } from '../../shared/fields';
import { operation, recordPath } from '../../shared/operations';
import { requirePositiveId } from '../../routing/preSend';
import { comment, content } from './fields';

/** PATCH /comments/{id} {content}: the text is the one thing a comment edit changes. */
export const updateOperation = operation(
	{
		value: 'update',
		name: 'Update',
		action: 'Update a comment',
		description:
			'Replace the text of the comment with this comment ID (users without elevated roles may only edit their own). Returns the updated comment.',
	},
	{
		method: 'PATCH',
		url: `=${recordPath(comment)}`,
		preSend: [requirePositiveId(comment.idParameter, comment.idLabel)],
	},
);

export const updateFields = forOperations(comment, ['update'], [requiredBodyProperty(content)]);
