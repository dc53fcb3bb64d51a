import { forOperations, updateFields as updateFieldsProperty } from '../../shared/fields';
import { updateRecord } from '../../shared/operations';
import { bid, bidFields } from './fields';

/** PATCH /bids/{id}; accepted bids are locked (409). */
export const updateOperation = updateRecord(bid, {
	value: 'update',
	name: 'Update',
	action: 'Update a bid',
	description:
		'Change some fields of the bid with this bid ID; fields left out stay as they are. Refused while the bid is accepted (revert the acceptance first). Returns the updated bid.',
});

export const updateFields = forOperations(bid, ['update'], [updateFieldsProperty(bidFields)]);
