import { dateFilters, searchFilter } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const changeOrder: ResourceSpec = {
	value: 'changeOrder',
	noun: 'change order',
	path: '/change-orders',
	idParameter: 'changeOrderId',
	idLabel: 'Change Order ID',
};

export const changeOrderProject: FieldSpec = {
	name: 'projectId',
	displayName: 'Project ID',
	kind: 'reference',
	description: 'ID of the project the change order belongs to',
};
export const changeOrderTitle: FieldSpec = {
	name: 'title',
	displayName: 'Title',
	kind: 'string',
	placeholder: 'Owner-requested tile upgrade',
	description: 'Short title of the change',
};
export const changeOrderReason: FieldSpec = {
	name: 'reason',
	displayName: 'Reason',
	kind: 'string',
	placeholder: 'owner_request',
	description:
		'Why the change is needed, such as owner_request, unforeseen_condition or design_change',
};

/** Optional change-order fields (Create's Additional Fields; with title and reason, Update's). */
export const changeOrderFields: FieldSpec[] = [
	{
		name: 'changeOrderNumber',
		displayName: 'Change Order Number',
		kind: 'string',
		placeholder: 'CO-00007',
		description: 'Your reference for the change order; BuildWorkPro numbers it when left out',
	},
	{ name: 'description', displayName: 'Description', kind: 'text', nullable: true },
	{
		name: 'roundSalesAmounts',
		displayName: 'Round Sales Amounts',
		kind: 'boolean',
		description: 'Whether sales amounts are rounded',
	},
];

/** Filters of Get Many and Count. */
export const changeOrderFilters: FieldSpec[] = [
	...dateFilters('change orders'),
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only change orders of this project',
	},
	searchFilter('change order numbers, titles, descriptions and reasons'),
	{
		name: 'status',
		displayName: 'Status',
		kind: 'string',
		placeholder: 'submitted',
		description: 'Only change orders in this status: draft, submitted, approved, rejected or void',
	},
];

/** Filters of Get Summary. */
export const changeOrderSummaryFilters: FieldSpec[] = [
	...dateFilters('change orders'),
	{
		name: 'projectId',
		displayName: 'Project ID',
		kind: 'reference',
		description: 'Only change orders of this project',
	},
];

/** Approve's optional field. */
export const approvedBy: FieldSpec = {
	name: 'approvedBy',
	displayName: 'Approved By',
	kind: 'string',
	placeholder: 'Jane Doe, owner',
	description: 'Who approved the change; BuildWorkPro records the caller when left out',
};

/** Reject's required field. */
export const rejectionReason: FieldSpec = {
	name: 'reason',
	displayName: 'Reason',
	kind: 'text',
	placeholder: 'Over budget',
	description: 'Why the change order is rejected (up to 2,000 characters)',
};
