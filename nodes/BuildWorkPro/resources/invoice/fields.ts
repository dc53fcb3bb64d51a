import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const invoice: ResourceSpec = {
	value: 'invoice',
	noun: 'invoice',
	path: '/invoices',
	idParameter: 'invoiceId',
	idLabel: 'Invoice ID',
};

/**
 * Fields Create requires inside the API's `invoice` object (Update may change them). The issue
 * and due dates are typed as plain strings in the request schema but hold points in time (the
 * answer declares them date-time), so they get the date picker and are sent as UTC timestamps.
 */
export const invoiceProject: FieldSpec = {
	name: 'projectId',
	displayName: 'Project ID',
	kind: 'reference',
	description: 'ID of the project the invoice bills',
};
export const invoiceContact: FieldSpec = {
	name: 'contactId',
	displayName: 'Contact ID',
	kind: 'reference',
	description: 'ID of the customer contact the invoice is addressed to',
};
export const invoiceIssueDate: FieldSpec = {
	name: 'issueDate',
	displayName: 'Issue Date',
	kind: 'dateTime',
	description: 'When the invoice is issued',
};

/**
 * Optional invoice fields (Create's Additional Fields; with the three above, Update's). Rates and
 * amounts are decimal strings ("8.25", "500.00").
 *
 * Left out on purpose: sourceType, sourceBidId, sourcePayAppId and percentOfBid (BuildWorkPro
 * sets them when an invoice is made with Create From Bid or Create From Pay App; set by hand they
 * would claim a link that billing never made).
 */
export const invoiceFields: FieldSpec[] = [
	{
		name: 'discount',
		displayName: 'Discount',
		kind: 'string',
		placeholder: '500.00',
		description:
			'Discount as a decimal number: an amount, or a percentage of the subtotal when Discount Type is Percentage',
	},
	{
		name: 'discountType',
		displayName: 'Discount Type',
		kind: 'options',
		options: [
			{ name: 'Fixed Amount', value: 'fixed' },
			{ name: 'Percentage', value: 'percentage' },
		],
		default: 'fixed',
		description: 'How Discount is read',
	},
	{
		name: 'dueDate',
		displayName: 'Due Date',
		kind: 'dateTime',
		nullable: true,
		description: 'When payment is due',
	},
	{
		name: 'invoiceNumber',
		displayName: 'Invoice Number',
		kind: 'string',
		placeholder: 'INV-00042',
		description: 'Your reference for the invoice; BuildWorkPro numbers it when left out',
	},
	{
		name: 'notesToCustomer',
		displayName: 'Notes to Customer',
		kind: 'text',
		nullable: true,
		description: 'Note printed on the invoice',
	},
	{
		name: 'paymentTermId',
		displayName: 'Payment Term ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of one of the payment terms set up in BuildWorkPro. 0 removes it.',
	},
	{
		name: 'paymentTermInstallmentId',
		displayName: 'Payment Term Installment ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the installment of the payment term this invoice bills. 0 removes it.',
	},
	{
		name: 'paymentTermsText',
		displayName: 'Payment Terms Text',
		kind: 'text',
		nullable: true,
		description: 'Payment terms written out, as shown to the customer',
	},
	{
		name: 'taxRate',
		displayName: 'Tax Rate (%)',
		kind: 'string',
		placeholder: '8.25',
		description: 'Sales tax rate applied to taxable lines, as a decimal percentage',
	},
	{
		name: 'terms',
		displayName: 'Terms',
		kind: 'text',
		nullable: true,
		description: 'Terms and conditions printed on the invoice',
	},
];

/** Filters of Get Many (the list's own query names: `q` is the search text). */
export const invoiceFilters: FieldSpec[] = [
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		description: 'Only invoices addressed to this contact',
	},
	{
		name: 'dueAfter',
		displayName: 'Due After',
		kind: 'dateTime',
		description: 'Only invoices due at or after this time (UTC unless the value has an offset)',
	},
	{
		name: 'dueBefore',
		displayName: 'Due Before',
		kind: 'dateTime',
		description: 'Only invoices due at or before this time (UTC unless the value has an offset)',
	},
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only invoices of this project',
	},
	{
		name: 'q',
		displayName: 'Search',
		kind: 'string',
		description: 'Text to look for in invoice numbers and notes to the customer',
	},
	{
		name: 'status',
		displayName: 'Status',
		kind: 'string',
		placeholder: 'sent,partial',
		description:
			'Only invoices in these statuses, separated by commas: draft, sent, partial, paid or voided',
	},
];

/** Create From Bid's required fields. */
export const fromBidId: FieldSpec = {
	name: 'bidId',
	displayName: 'Bid ID',
	kind: 'reference',
	description: 'ID of the accepted bid to invoice',
};
export const fromBidMode: FieldSpec = {
	name: 'mode',
	displayName: 'Mode',
	kind: 'options',
	options: [
		{ name: 'Fixed Amount (Value Is the Amount)', value: 'fixed' },
		{ name: 'Full Contract', value: 'full' },
		{ name: 'Percentage (Value Is the Percent)', value: 'percent' },
	],
	default: 'full',
	description: 'How much of the bid to invoice',
};

/** Create From Bid's optional fields (Value is needed unless Mode is Full Contract). */
export const fromBidFields: FieldSpec[] = [
	{
		name: 'dueDate',
		displayName: 'Due Date',
		kind: 'dateTime',
		description: 'When payment is due',
	},
	{
		name: 'notesToCustomer',
		displayName: 'Notes to Customer',
		kind: 'text',
		description: 'Note printed on the invoice',
	},
	{
		name: 'value',
		displayName: 'Value',
		kind: 'number',
		description:
			'The percentage (Mode Percentage, up to 100) or the amount (Mode Fixed Amount) to invoice; needed for both',
	},
];

/** Create From Pay App's required field and optional fields. */
export const fromPayAppId: FieldSpec = {
	name: 'payAppId',
	displayName: 'Pay App ID',
	kind: 'reference',
	description: 'ID of the approved pay application to invoice',
};
export const fromPayAppFields: FieldSpec[] = [
	{
		name: 'dueDate',
		displayName: 'Due Date',
		kind: 'dateTime',
		description: 'When payment is due',
	},
	{
		name: 'notesToCustomer',
		displayName: 'Notes to Customer',
		kind: 'text',
		description: 'Note printed on the invoice',
	},
];

/** Send's optional fields (ccEmails is a list: see send.ts). */
export const sendFields: FieldSpec[] = [
	{
		name: 'body',
		displayName: 'Body',
		kind: 'text',
		description: 'Text of the email; BuildWorkPro writes one when left out',
	},
	{
		name: 'recipientEmail',
		displayName: 'Recipient Email',
		kind: 'string',
		placeholder: 'name@email.com',
		description: "Who receives the invoice; the invoice's contact when left out",
	},
	{
		name: 'subject',
		displayName: 'Subject',
		kind: 'string',
		description: 'Subject of the email; BuildWorkPro writes one when left out',
	},
	{
		name: 'templateId',
		displayName: 'Template ID',
		kind: 'reference',
		description: 'ID of an email template set up in BuildWorkPro',
	},
];

/** Mark Paid's optional field. */
export const paidAt: FieldSpec = {
	name: 'paidAt',
	displayName: 'Paid At',
	kind: 'dateTime',
	description: 'When the invoice was paid; now when left out',
};

/** Void's required field. */
export const voidReason: FieldSpec = {
	name: 'reason',
	displayName: 'Reason',
	kind: 'text',
	placeholder: 'Billed to the wrong customer',
	description: 'Why the invoice is voided (at least 3 characters)',
};
