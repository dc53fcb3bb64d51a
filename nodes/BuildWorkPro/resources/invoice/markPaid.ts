import { additionalFields } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { invoice, paidAt } from './fields';

/** POST /invoices/{id}/mark-paid {paidAt?}: sent|partial → paid (a no-op on a paid invoice). */
export const markPaidOperation = recordAction(
	invoice,
	{
		value: 'markPaid',
		name: 'Mark Paid',
		action: 'Mark an invoice as paid',
		description:
			'Mark the sent or partly paid invoice with this invoice ID as paid in full, recording the balance as a payment; Paid At (ISO 8601) is optional. Refused for drafts and voided invoices. Returns the invoice, now paid.',
		fields: [additionalFields([paidAt])],
	},
	'mark-paid',
);
