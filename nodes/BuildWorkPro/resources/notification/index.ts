import { defineResource } from '../../description/defineResource';
import { getAllOperation } from './getAll';
import { notification } from './fields';

/** The Notification resource (read-only): its operations. */
export const notificationResource = defineResource({
	resource: notification,
	name: 'Notification',
	operations: [getAllOperation],
});
