import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { webhookDelivery } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { replayOperation } from './replay';

/** The Webhook Delivery resource: its operation selector and every operation's fields. */
export const webhookDeliveryDescription: INodeProperties[] = [
	operationSelector(webhookDelivery, [getOperation, getAllOperation, replayOperation]),
	...forOperations(webhookDelivery, ['get', 'replay'], [recordIdProperty(webhookDelivery)]),
	...getAllFields,
	...optionsProperties(webhookDelivery, ['replay'], ['get', 'getAll']),
];
