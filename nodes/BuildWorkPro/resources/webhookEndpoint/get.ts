import { getRecord } from '../../description/operations';
import { webhookEndpoint } from './fields';

/** GET /webhook-endpoints/{id}. */
export const getOperation = getRecord(webhookEndpoint, {
	value: 'get',
	name: 'Get',
	action: 'Get a webhook endpoint',
	description:
		'Retrieve one webhook endpoint by its webhook endpoint ID. Returns its URL, event types, whether it is active, its failure count and last delivery time; never the signing secret.',
});
