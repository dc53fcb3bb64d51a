import { recordAction } from '../../description/operations';
import { bid } from './fields';

/** POST /bids/{id}/send: draft → sent. */
export const sendOperation = recordAction(
	bid,
	{
		value: 'send',
		name: 'Send',
		action: 'Send a bid',
		description:
			'Send the draft bid with this bid ID to the customer by email; only draft bids can be sent. Returns the bid, now in sent status.',
	},
	'send',
);
