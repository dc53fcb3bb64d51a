import { listProperties } from '../../description/fields';
import { customOperation, recordPath } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { requirePositiveId } from '../../routing/preSend';
import { webhookEndpoint } from './fields';

/**
 * GET /webhook-endpoints/{id}/deliveries: the endpoint's 100 most recent deliveries in one
 * answer, without paging (Webhook Delivery > Get Many pages through all of them).
 */
export const getDeliveriesOperation = customOperation(
	webhookEndpoint,
	{
		value: 'getDeliveries',
		name: 'Get Deliveries',
		action: 'Get the recent deliveries of a webhook endpoint',
		description:
			'List the most recent deliveries (at most 100, newest first) to the webhook endpoint with this ID. Returns one item per delivery with its event ID, status, attempt count and the last response, up to Limit unless Return All is on.',
		fields: listProperties([]),
	},
	{
		method: 'GET',
		url: `=${recordPath(webhookEndpoint)}/deliveries`,
		preSend: [requirePositiveId(webhookEndpoint.idParameter, webhookEndpoint.idLabel)],
		pager: fetchWholeList,
	},
);
