import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** In-app notifications of the user who owns the API key or token: /notifications (read-only). */
export const notification: ResourceSpec = {
	value: 'notification',
	noun: 'notification',
	path: '/notifications',
	idParameter: 'notificationId',
	idLabel: 'Notification ID',
};

/** Filters of Get Many. */
export const notificationFilters: FieldSpec[] = [
	{
		name: 'type',
		displayName: 'Type',
		kind: 'string',
		placeholder: 'comment_mention',
		description: 'Only notifications of this type',
	},
	{
		name: 'unreadOnly',
		displayName: 'Unread Only',
		kind: 'boolean',
		default: true,
		description: 'Whether to return only notifications not read yet',
	},
];
