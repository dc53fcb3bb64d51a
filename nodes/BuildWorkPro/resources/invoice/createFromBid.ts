import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { collectionAction } from '../../description/operations';
import { fromBidFields, fromBidId, fromBidMode, invoice } from './fields';

/** POST /invoices/from-bid {bidId, mode, value?, dueDate?, notesToCustomer?} → 201 with the invoice. */
export const createFromBidOperation = collectionAction(
	invoice,
	{
		value: 'createFromBid',
		name: 'Create From Bid',
		action: 'Create an invoice from a bid',
		description:
			'Create a draft invoice billing an accepted bid. Needs the bid ID and a mode: the full contract, a percentage of it or a fixed amount (both need Value). Refused unless the bid is accepted. Returns the new invoice with its line.',
		fields: [
			requiredBodyProperty(fromBidId),
			requiredBodyProperty(fromBidMode),
			additionalFields(fromBidFields),
		],
	},
	'from-bid',
);
