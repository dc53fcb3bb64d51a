import { getRecord } from '../../description/operations';
import { webhookDelivery } from './fields';

/** GET /webhook-deliveries/{id}. */
export const getOperation = getRecord(webhookDelivery, {
	value: 'get',
	name: 'Get',
	action: 'Get a webhook delivery',
	description:
		"Retrieve one webhook delivery by its webhook delivery ID. Returns its event ID, endpoint ID, status and attempt count, and the receiver's last answer: status, headers and body (up to 10 KB) or the error.",
});
