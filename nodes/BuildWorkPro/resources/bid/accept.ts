import { forOperations, requiredBodyProperty } from '../../shared/fields';
import { recordAction } from '../../shared/operations';
import { acceptedBy, bid } from './fields';

/** POST /bids/{id}/accept {acceptedBy}: draft|sent|expired|rejected → accepted. */
export const acceptOperation = recordAction(
	bid,
	{
		value: 'accept',
		name: 'Accept',
		action: 'Accept a bid',
		description:
			'Record that the customer accepted the bid with this bid ID. Needs Accepted By (who accepted). Refused if the bid is already accepted. Returns the bid, now accepted and locked.',
	},
	'accept',
);

export const acceptFields = forOperations(bid, ['accept'], [requiredBodyProperty(acceptedBy)]);
