import { recordAction } from '../../description/operations';
import { bid } from './fields';

/** POST /bids/{id}/reject. */
export const rejectOperation = recordAction(
	bid,
	{
		value: 'reject',
		name: 'Reject',
		action: 'Reject a bid',
		description:
			'Record that the customer turned down the bid with this bid ID. An accepted bid must have its acceptance reverted first. Returns the bid, now rejected.',
	},
	'reject',
);
