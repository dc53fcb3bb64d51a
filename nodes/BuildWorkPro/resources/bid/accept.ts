import { requiredBodyProperty } from '../../description/fields';
import { recordAction } from '../../description/operations';
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
		fields: [requiredBodyProperty(acceptedBy)],
	},
	'accept',
);
