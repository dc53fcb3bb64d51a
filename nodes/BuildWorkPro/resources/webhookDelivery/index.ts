import { defineResource } from '../../description/defineResource';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { replayOperation } from './replay';
import { webhookDelivery } from './fields';

/** The Webhook Delivery resource: its operations. */
export const webhookDeliveryResource = defineResource({
	resource: webhookDelivery,
	name: 'Webhook Delivery',
	operations: [getOperation, getAllOperation, replayOperation],
});
