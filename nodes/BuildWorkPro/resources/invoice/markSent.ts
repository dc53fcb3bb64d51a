import { recordAction } from '../../description/operations';
import { invoice } from './fields';

/** POST /invoices/{id}/mark-sent: draft → sent, without an email. */
export const markSentOperation = recordAction(
	invoice,
	{
		value: 'markSent',
		name: 'Mark Sent',
		action: 'Mark an invoice as sent',
		description:
			'Mark the draft invoice with this invoice ID as sent without emailing it (for invoices delivered another way). Refused unless it is a draft. Returns the invoice, now sent.',
	},
	'mark-sent',
);
