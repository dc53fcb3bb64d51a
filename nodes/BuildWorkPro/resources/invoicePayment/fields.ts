import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';
import { invoice } from '../invoice/fields';

/** An invoice's payment ledger: /invoices/{invoiceId}/payments/{paymentId}. */
export const invoicePayment: ResourceSpec = {
	value: 'invoicePayment',
	noun: 'invoice payment',
	path: '/payments',
	idParameter: 'paymentId',
	idLabel: 'Payment ID',
	parent: invoice,
};

/** Record's required fields. */
export const paymentAmount: FieldSpec = {
	name: 'amount',
	displayName: 'Amount',
	kind: 'string',
	placeholder: '1500.00',
	description: 'Amount received, as a decimal number (at most the balance due)',
};
export const paymentPaidAt: FieldSpec = {
	name: 'paidAt',
	displayName: 'Paid At',
	kind: 'dateTime',
	description: 'When the payment was received',
};

/** Optional payment fields (Record's Additional Fields; with the two above, Update's). */
export const paymentFields: FieldSpec[] = [
	{
		name: 'method',
		displayName: 'Method',
		kind: 'options',
		options: [
			{ name: 'ACH', value: 'ach' },
			{ name: 'Card', value: 'card' },
			{ name: 'Cash', value: 'cash' },
			{ name: 'Check', value: 'check' },
			{ name: 'Other', value: 'other' },
		],
		default: 'check',
		description: 'How the payment was made',
	},
	{
		name: 'notes',
		displayName: 'Notes',
		kind: 'text',
		nullable: true,
		description: 'Notes on the payment (up to 2,000 characters)',
	},
	{
		name: 'reference',
		displayName: 'Reference',
		kind: 'string',
		nullable: true,
		placeholder: 'Check #1042',
		description: 'Check number, transaction ID or similar (up to 255 characters)',
	},
];
