import { recordAction } from '../../description/operations';
import { webhookDelivery } from './fields';

/** POST /webhook-deliveries/{id}/replay: back to pending, attempts from 0 (409 once the endpoint is deleted). */
export const replayOperation = recordAction(
	webhookDelivery,
	{
		value: 'replay',
		name: 'Replay',
		action: 'Replay a webhook delivery',
		description:
			'Send the webhook delivery with this ID again, with the same event ID, so receivers can tell it is a repeat. Refused when its endpoint was deleted. Returns the delivery, now pending with its attempt count reset to 0.',
	},
	'replay',
);
