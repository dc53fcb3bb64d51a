import { recordAction } from '../../description/operations';
import { signatureRequest } from './fields';

/** POST /signature-requests/{id}/void: cancels an active request; 409 otherwise. */
export const voidOperation = recordAction(
	signatureRequest,
	{
		value: 'void',
		name: 'Void',
		action: 'Void a signature request',
		description:
			'Destructive: cancel the pending or sent signature request with this ID for good; its signing link stops working. Refused for requests no longer active. Returns the signature request as it is afterwards.',
	},
	'void',
);
