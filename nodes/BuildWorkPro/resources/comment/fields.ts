import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** Comments on a record (project, bid, change order, …): /comments. */
export const comment: ResourceSpec = {
	value: 'comment',
	noun: 'comment',
	path: '/comments',
	idParameter: 'commentId',
	idLabel: 'Comment ID',
};

/**
 * The record a thread hangs on. BuildWorkPro leaves the list of record types open (its examples:
 * project, bid, change_order), so the type is typed rather than picked from a list.
 */
export const entityType: FieldSpec = {
	name: 'entityType',
	displayName: 'Entity Type',
	kind: 'string',
	placeholder: 'project',
	description:
		'Type of the record the comments belong to, as BuildWorkPro names it in snake_case, such as project, bid or change_order',
};

export const entityId: FieldSpec = {
	name: 'entityId',
	displayName: 'Entity ID',
	kind: 'reference',
	description: 'ID of the record the comments belong to',
};

export const content: FieldSpec = {
	name: 'content',
	displayName: 'Content',
	kind: 'text',
	placeholder: 'Can we move the pour to Thursday?',
	description:
		'Text of the comment (1 to 10,000 characters). People @mentioned are notified in the app.',
};

/** Create's optional field. */
export const parentId: FieldSpec = {
	name: 'parentId',
	displayName: 'Reply To Comment ID',
	kind: 'reference',
	nullable: true,
	description: 'ID of the comment this one replies to, in the same thread',
};
