import { requiredBodyProperty } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { invoice, voidReason } from './fields';

/** POST /invoices/{id}/void {reason}: draft|sent|partial → voided (terminal). */
export const voidOperation = recordAction(
	invoice,
	{
		value: 'void',
		name: 'Void',
		action: 'Void an invoice',
		description:
			'Destructive: void the invoice with this invoice ID for good; a voided invoice can no longer be edited or paid. Needs a reason (at least 3 characters). Refused for paid invoices. Returns the invoice, now voided.',
		fields: [requiredBodyProperty(voidReason)],
	},
	'void',
);
