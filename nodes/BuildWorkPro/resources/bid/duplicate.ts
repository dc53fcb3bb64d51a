import { recordAction } from '../../description/operations';
import { bid } from './fields';

/** POST /bids/{id}/duplicate → 201 with the copy. */
export const duplicateOperation = recordAction(
	bid,
	{
		value: 'duplicate',
		name: 'Duplicate',
		action: 'Duplicate a bid',
		description:
			'Copy the bid with this bid ID, line items included, into a new draft bid with its own number. Returns the new bid with its ID.',
	},
	'duplicate',
);
