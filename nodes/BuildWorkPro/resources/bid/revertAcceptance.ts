import { requiredBodyProperty } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { bid, revertStatus } from './fields';

/** POST /bids/{id}/revert-acceptance {status}: accepted → draft|sent|expired|rejected. */
export const revertAcceptanceOperation = recordAction(
	bid,
	{
		value: 'revertAcceptance',
		name: 'Revert Acceptance',
		action: 'Revert the acceptance of a bid',
		description:
			'Undo the acceptance of the accepted bid with this bid ID and move it back to the chosen status (draft, sent, expired or rejected), clearing who accepted it and when. Returns the bid, unlocked again.',
		fields: [requiredBodyProperty(revertStatus)],
	},
	'revert-acceptance',
);
