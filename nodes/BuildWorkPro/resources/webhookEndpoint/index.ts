import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getDeliveriesOperation } from './getDeliveries';
import { rotateSecretOperation } from './rotateSecret';
import { updateOperation } from './update';
import { webhookEndpoint } from './fields';

/** The Webhook Endpoint resource: its operations. */
export const webhookEndpointResource = defineResource({
	resource: webhookEndpoint,
	name: 'Webhook Endpoint',
	operations: [
		createOperation,
		deleteOperation,
		getOperation,
		getAllOperation,
		getDeliveriesOperation,
		rotateSecretOperation,
		updateOperation,
	],
});
