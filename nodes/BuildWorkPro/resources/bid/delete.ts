import { deleteRecord } from '../../description/operations';
import { bid } from './fields';

/** DELETE /bids/{id}; accepted bids are locked (409). */
export const deleteOperation = deleteRecord(bid, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a bid',
	description:
		'Destructive: delete the bid with this bid ID (refused while it is accepted). Returns its ID with deleted set to true.',
});
