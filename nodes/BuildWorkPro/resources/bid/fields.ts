import { dateFilters, searchFilter, userChoice } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const bid: ResourceSpec = {
	value: 'bid',
	noun: 'bid',
	path: '/bids',
	idParameter: 'bidId',
	idLabel: 'Bid ID',
};

/**
 * Writable bid fields (Create's Additional Fields and Update's Update Fields). Amounts and rates
 * are decimal strings ("8.25"). The due and valid-until dates are typed as plain strings in the
 * schema but hold points in time, so they get the date picker and are sent as UTC timestamps.
 *
 * Left out on purpose: rejectedAt, cancelledAt, cancelledFromStatus and cancelReason (the
 * lifecycle sets them; v1 has no cancel action), and on Update sentAt, acceptedAt, acceptedBy
 * (set by Send and Accept) and createdBy (who created the bid is BuildWorkPro's record).
 */
export const bidFields: FieldSpec[] = [
	{
		name: 'bidNumber',
		displayName: 'Bid Number',
		kind: 'string',
		placeholder: 'BID-00012',
		description: 'Your reference for the bid; BuildWorkPro numbers it when left out',
	},
	{
		name: 'commissionPercent',
		displayName: 'Commission (%)',
		kind: 'string',
		nullable: true,
		placeholder: '5',
		description: 'Sales commission, as a decimal percentage',
	},
	{
		name: 'companyOhPercent',
		displayName: 'Company Overhead (%)',
		kind: 'string',
		nullable: true,
		placeholder: '10',
		description: 'Company overhead, as a decimal percentage',
	},
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the customer contact the bid is for. 0 removes the link.',
	},
	{
		name: 'discount',
		displayName: 'Discount',
		kind: 'string',
		nullable: true,
		placeholder: '500.00',
		description:
			'Discount as a decimal number: an amount, or a percentage when Discount Type says so',
	},
	{
		name: 'discountType',
		displayName: 'Discount Type',
		kind: 'string',
		nullable: true,
		placeholder: 'percentage',
		description: 'How Discount is read, such as percentage or fixed',
	},
	{
		name: 'dueDate',
		displayName: 'Due Date',
		kind: 'dateTime',
		nullable: true,
		description: 'When the bid is due to the customer',
	},
	{
		name: 'kanbanOrder',
		displayName: 'Kanban Order',
		kind: 'number',
		description: "Position of the bid on BuildWorkPro's board (lower comes first)",
	},
	{
		name: 'latitude',
		displayName: 'Latitude',
		kind: 'string',
		nullable: true,
		placeholder: '30.2672',
		description: 'Latitude of the site, as a decimal number',
	},
	{
		name: 'leadId',
		displayName: 'Lead ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the lead the bid answers. 0 removes the link.',
	},
	{
		name: 'longitude',
		displayName: 'Longitude',
		kind: 'string',
		nullable: true,
		placeholder: '-97.7431',
		description: 'Longitude of the site, as a decimal number',
	},
	{
		name: 'marginPercent',
		displayName: 'Margin (%)',
		kind: 'string',
		nullable: true,
		placeholder: '20',
		description: 'Target margin, as a decimal percentage',
	},
	{
		name: 'name',
		displayName: 'Name',
		kind: 'string',
		nullable: true,
		placeholder: 'Riverside office build-out',
		description: 'Title of the bid',
	},
	{ name: 'notes', displayName: 'Notes', kind: 'text', nullable: true },
	{
		name: 'paymentTermId',
		displayName: 'Payment Term ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of one of the payment terms set up in BuildWorkPro. 0 removes it.',
	},
	{
		name: 'paymentTermsText',
		displayName: 'Payment Terms Text',
		kind: 'text',
		nullable: true,
		description: 'Payment terms written out, as shown to the customer',
	},
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the project the bid belongs to. 0 removes the link.',
	},
	{
		name: 'roundSalesAmounts',
		displayName: 'Round Sales Amounts',
		kind: 'boolean',
		description: 'Whether sales amounts are rounded',
	},
	{
		name: 'showSublines',
		displayName: 'Show Sublines',
		kind: 'boolean',
		description: 'Whether the sublines of line items are shown to the customer',
	},
	{ name: 'siteAddress', displayName: 'Site Address', kind: 'string', nullable: true },
	{ name: 'siteCity', displayName: 'Site City', kind: 'string', nullable: true },
	{ name: 'siteState', displayName: 'Site State', kind: 'string', nullable: true },
	{ name: 'siteZipCode', displayName: 'Site Zip Code', kind: 'string', nullable: true },
	{
		name: 'taxRate',
		displayName: 'Tax Rate (%)',
		kind: 'string',
		nullable: true,
		placeholder: '8.25',
		description: 'Sales tax rate, as a decimal percentage',
	},
	{
		name: 'terms',
		displayName: 'Terms',
		kind: 'text',
		nullable: true,
		description: 'Terms and conditions of the bid',
	},
	{
		name: 'validUntil',
		displayName: 'Valid Until',
		kind: 'dateTime',
		nullable: true,
		description: 'Until when the offer stands',
	},
];

/** Filters of Get Many and Count. */
export const bidFilters: FieldSpec[] = [
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		description: 'Only bids for this contact',
	},
	...dateFilters('bids', true),
	{
		name: 'leadId',
		displayName: 'Lead ID',
		kind: 'reference',
		description: 'Only bids for this lead',
	},
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only bids of this project',
	},
	searchFilter('bid numbers, names, notes and site addresses'),
	{
		name: 'status',
		displayName: 'Status',
		kind: 'string',
		placeholder: 'sent',
		description: 'Only bids in this status: draft, sent, accepted, rejected or expired',
	},
];

/** Filters of Get Summary. */
export const bidSummaryFilters: FieldSpec[] = [
	{
		name: 'contactId',
		displayName: 'Contact ID',
		kind: 'reference',
		description: 'Only bids for this contact',
	},
	userChoice('createdBy', 'Created By Name or ID', 'Only bids created by this user.'),
	...dateFilters('bids'),
];

/** Accept's required field. */
export const acceptedBy: FieldSpec = {
	name: 'acceptedBy',
	displayName: 'Accepted By',
	kind: 'string',
	placeholder: 'Jane Doe, owner',
	description: 'Who accepted the bid on the customer side',
};

/** Revert Acceptance's required field: the status the bid goes back to. */
export const revertStatus: FieldSpec = {
	name: 'status',
	displayName: 'Status',
	kind: 'options',
	options: [
		{ name: 'Draft', value: 'draft' },
		{ name: 'Expired', value: 'expired' },
		{ name: 'Rejected', value: 'rejected' },
		{ name: 'Sent', value: 'sent' },
	],
	default: 'sent',
	description: 'The status the bid goes back to',
};

/** Convert to Project's required field. */
export const mappingStrategy: FieldSpec = {
	name: 'mappingStrategy',
	displayName: 'Mapping Strategy',
	kind: 'options',
	options: [
		{ name: 'Blank (No Phases or Tasks)', value: 'blank' },
		{ name: 'One Phase per Line Item', value: 'phases' },
		{ name: 'One Task per Line Item', value: 'tasks' },
	],
	default: 'phases',
	description: "How the bid's line items become the project's phases or tasks",
};

/**
 * Convert to Project's optional fields. lineItemPhaseMapping (line item ID → phase ID) is left
 * out: it only applies to templates whose phases the user would have to look up by ID first.
 */
export const convertFields: FieldSpec[] = [
	{
		name: 'expectedEndDate',
		displayName: 'Expected End Date',
		kind: 'dateTime',
		description: 'When the project is planned to finish',
	},
	{
		name: 'name',
		displayName: 'Project Name',
		kind: 'string',
		placeholder: 'Riverside office build-out',
		description: "Name of the new project; the bid's name when left out",
	},
	{
		name: 'startDate',
		displayName: 'Start Date',
		kind: 'dateTime',
		description: 'When the project starts',
	},
	{
		name: 'templateId',
		displayName: 'Template ID',
		kind: 'reference',
		description: 'ID of a project template to start from',
	},
];
