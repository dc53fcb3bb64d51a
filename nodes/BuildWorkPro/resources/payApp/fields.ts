import { dateFilters, searchFilter } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const payApp: ResourceSpec = {
	value: 'payApp',
	noun: 'pay application',
	path: '/pay-apps',
	idParameter: 'payAppId',
	idLabel: 'Pay App ID',
};

/** Create's required field (Update may move a draft to another project). */
export const payAppProject: FieldSpec = {
	name: 'projectId',
	displayName: 'Project ID',
	kind: 'reference',
	description: 'ID of the project the pay application bills',
};

/**
 * Optional pay-application fields (Create's Additional Fields; with the project, Update's).
 * Amounts and the retainage rate are decimal strings ("250000.00", "10"). The billing period
 * dates are typed as plain strings in the schema but hold points in time, so they get the date
 * picker and are sent as UTC timestamps.
 *
 * Left out on purpose: changeOrders (a free-form JSON blob BuildWorkPro fills from the project's
 * change orders), and voidedBy, voidedAt, voidReason, sentAt, sentBy (set by BuildWorkPro as the
 * pay application moves through its lifecycle, not by callers).
 */
export const payAppFields: FieldSpec[] = [
	{
		name: 'changeOrdersTotal',
		displayName: 'Change Orders Total',
		kind: 'string',
		nullable: true,
		placeholder: '12500.00',
		description: 'Net amount of approved change orders, as a decimal number',
	},
	{
		name: 'contractSum',
		displayName: 'Contract Sum',
		kind: 'string',
		nullable: true,
		placeholder: '250000.00',
		description: 'Original contract sum, as a decimal number',
	},
	{ name: 'notes', displayName: 'Notes', kind: 'text', nullable: true },
	{
		name: 'payAppNumber',
		displayName: 'Pay App Number',
		kind: 'string',
		placeholder: 'PA-00004',
		description: 'Your reference for the pay application; BuildWorkPro numbers it when left out',
	},
	{
		name: 'periodEnd',
		displayName: 'Period End',
		kind: 'dateTime',
		nullable: true,
		description: 'Last day of the billing period',
	},
	{
		name: 'periodStart',
		displayName: 'Period Start',
		kind: 'dateTime',
		nullable: true,
		description: 'First day of the billing period',
	},
	{
		name: 'retainagePercent',
		displayName: 'Retainage (%)',
		kind: 'string',
		nullable: true,
		placeholder: '10',
		description: 'Share of the completed work held back as retainage, as a decimal percentage',
	},
];

/** Filters of Get Many and Count. */
export const payAppFilters: FieldSpec[] = [
	...dateFilters('pay applications'),
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only pay applications of this project',
	},
	searchFilter('pay application numbers and notes'),
	{
		name: 'status',
		displayName: 'Status',
		kind: 'string',
		placeholder: 'submitted',
		description:
			'Only pay applications in this status: draft, submitted, approved, rejected or paid',
	},
];

/** Filters of Get Summary: its dates apply to when pay applications were submitted. */
export const payAppSummaryFilters: FieldSpec[] = [
	{
		name: 'dateFrom',
		displayName: 'Submitted After',
		kind: 'dateTime',
		description:
			'Only pay applications submitted at or after this time (UTC unless the value has an offset)',
	},
	{
		name: 'dateTo',
		displayName: 'Submitted Before',
		kind: 'dateTime',
		description:
			'Only pay applications submitted at or before this time (UTC unless the value has an offset)',
	},
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only pay applications of this project',
	},
];

/** Reject's required field. */
export const rejectionReason: FieldSpec = {
	name: 'reason',
	displayName: 'Reason',
	kind: 'text',
	placeholder: 'Stored materials not documented',
	description: 'Why the pay application is rejected (up to 2,000 characters)',
};
