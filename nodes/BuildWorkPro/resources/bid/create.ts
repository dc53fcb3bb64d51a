import { additionalFields } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { bid, bidFields } from './fields';

/** POST /bids → 201 with the new draft bid. */
export const createOperation = createRecord(bid, {
	value: 'create',
	name: 'Create',
	action: 'Create a bid',
	description:
		'Create a bid (estimate) in draft status. Every field is optional: name, contact, lead and project IDs, tax rate, discount, dates (ISO 8601), site address, notes and terms. Returns the new bid with its ID.',
	fields: [additionalFields(bidFields)],
});
