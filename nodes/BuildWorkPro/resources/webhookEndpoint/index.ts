import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { createFields, createOperation } from './create';
import { deleteOperation } from './delete';
import { webhookEndpoint } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getDeliveriesFields, getDeliveriesOperation } from './getDeliveries';
import { rotateSecretOperation } from './rotateSecret';
import { updateFields, updateOperation } from './update';

/** The Webhook Endpoint resource: its operation selector and every operation's fields. */
export const webhookEndpointDescription: INodeProperties[] = [
	operationSelector(webhookEndpoint, [
		createOperation,
		deleteOperation,
		getOperation,
		getDeliveriesOperation,
		getAllOperation,
		rotateSecretOperation,
		updateOperation,
	]),
	...forOperations(
		webhookEndpoint,
		['delete', 'get', 'getDeliveries', 'rotateSecret', 'update'],
		[recordIdProperty(webhookEndpoint)],
	),
	...createFields,
	...getAllFields,
	...getDeliveriesFields,
	...updateFields,
	...optionsProperties(
		webhookEndpoint,
		['create', 'delete', 'rotateSecret', 'update'],
		['get', 'getAll', 'getDeliveries'],
	),
];
