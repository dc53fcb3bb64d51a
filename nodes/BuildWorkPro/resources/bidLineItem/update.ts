import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { bidLineItem, lineDescription, lineFields } from './fields';

/** PATCH /bids/{bidId}/line-items/{lineItemId}. */
export const updateOperation = updateRecord(bidLineItem, {
	value: 'update',
	name: 'Update',
	action: 'Update a bid line item',
	description:
		'Change some fields of a line item, given its bid ID and line item ID; fields left out stay as they are. Refused while the bid is accepted. Returns the updated line item.',
	fields: [updateFieldsProperty([lineDescription, ...lineFields])],
});
