import { requiredBodyProperty } from '../../description/fields';
import { customOperation, recordPath } from '../../description/operations';
import { requirePositiveId } from '../../routing/preSend';
import { comment, content } from './fields';

/** PATCH /comments/{id} {content}: the text is the one thing a comment edit changes. */
export const updateOperation = customOperation(
	comment,
	{
		value: 'update',
		name: 'Update',
		action: 'Update a comment',
		description:
			'Replace the text of the comment with this comment ID (users without elevated roles may only edit their own). Returns the updated comment.',
		fields: [requiredBodyProperty(content)],
	},
	{
		method: 'PATCH',
		url: `=${recordPath(comment)}`,
		preSend: [requirePositiveId(comment.idParameter, comment.idLabel)],
	},
);
