import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { deliveryFilters, webhookDelivery } from './fields';

/** GET /webhook-deliveries, page after page (cursor), across every endpoint of the account. */
export const getAllOperation = listRecords(webhookDelivery, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhook deliveries',
	description:
		"List the account's webhook deliveries across all endpoints, optionally filtered by webhook endpoint ID, status, event type or creation time (ISO 8601). Returns one item per delivery, up to Limit unless Return All is on.",
	fields: listProperties(deliveryFilters),
});
