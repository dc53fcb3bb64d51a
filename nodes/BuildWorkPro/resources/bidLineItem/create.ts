import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { bidLineItem, lineDescription, lineFields } from './fields';

/** POST /bids/{bidId}/line-items → 201 with the new line. */
export const createOperation = createRecord(bidLineItem, {
	value: 'create',
	name: 'Create',
	action: 'Create a bid line item',
	description:
		'Add a line item to the bid with this bid ID. Needs a description; quantity, unit price and measures (decimal strings), product ID, mark and order are optional. Refused while the bid is accepted. Returns the new line item with its ID and total.',
	fields: [requiredBodyProperty(lineDescription), additionalFields(lineFields)],
});
