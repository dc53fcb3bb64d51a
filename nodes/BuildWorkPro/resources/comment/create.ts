import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { customOperation } from '../../description/operations';
import { requirePositiveId } from '../../routing/preSend';
import { comment, content, entityId, entityType, parentId } from './fields';
import { requireEntityType } from './preSend';

/** POST /comments {entityType, entityId, content, parentId?} → 201 with the new comment. */
export const createOperation = customOperation(
	comment,
	{
		value: 'create',
		name: 'Create',
		action: 'Create a comment',
		description:
			'Post a comment on a record, given its entity type (such as project, bid or change_order), entity ID and the text; optionally as a reply to another comment of the thread. Returns the new comment with its ID.',
		fields: [
			requiredBodyProperty(entityType),
			requiredBodyProperty(entityId),
			requiredBodyProperty(content),
			additionalFields([parentId]),
		],
	},
	{
		method: 'POST',
		url: comment.path,
		preSend: [requireEntityType, requirePositiveId('entityId', 'Entity ID')],
	},
);
