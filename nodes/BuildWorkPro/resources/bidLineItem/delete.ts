import { deleteRecord } from '../../description/operations';
import { bidLineItem } from './fields';

/** DELETE /bids/{bidId}/line-items/{lineItemId}. */
export const deleteOperation = deleteRecord(bidLineItem, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a bid line item',
	description:
		'Destructive: remove a line item from its bid, given the bid ID and line item ID (refused while the bid is accepted). Returns the line item ID with deleted set to true.',
});
