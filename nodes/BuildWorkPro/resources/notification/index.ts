import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, optionsProperties } from '../../shared/fields';
import { notification } from './fields';
import { getAllFields, getAllOperation } from './getAll';

/** The Notification resource (read-only): its operation selector and Get Many's fields. */
export const notificationDescription: INodeProperties[] = [
	operationSelector(notification, [getAllOperation]),
	...getAllFields,
	...optionsProperties(notification, [], ['getAll']),
];
