import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { bid, bidFields } from './fields';

/** PATCH /bids/{id}; accepted bids are locked (409). */
export const updateOperation = updateRecord(bid, {
	value: 'update',
	name: 'Update',
	action: 'Update a bid',
	description:
		'Change some fields of the bid with this bid ID; fields left out stay as they are. Refused while the bid is accepted (revert the acceptance first). Returns the updated bid.',
	fields: [updateFieldsProperty(bidFields)],
});
