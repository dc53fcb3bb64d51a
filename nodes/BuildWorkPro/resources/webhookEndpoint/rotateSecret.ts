import { recordAction } from '../../description/operations';
import { webhookEndpoint } from './fields';

/** POST /webhook-endpoints/{id}/rotate-secret → { signingSecret }. */
export const rotateSecretOperation = recordAction(
	webhookEndpoint,
	{
		value: 'rotateSecret',
		name: 'Rotate Secret',
		action: 'Rotate the signing secret of a webhook endpoint',
		description:
			'Replace the signing secret of the webhook endpoint with this ID; BuildWorkPro invalidates the old one. Returns one item with the new signing secret, shown only this once: update the receiver that verifies the signatures.',
	},
	'rotate-secret',
);
