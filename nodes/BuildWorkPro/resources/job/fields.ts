import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** BuildWorkPro's asynchronous jobs (PDFs, exports, imports, bulk actions). Job IDs are text, not numbers. */
export const job: ResourceSpec = {
	value: 'job',
	noun: 'job',
	path: '/jobs',
	idParameter: 'jobId',
	idLabel: 'Job ID',
};

/** Filters of Get Many (the API types them as free text). */
export const jobFilters: FieldSpec[] = [
	{
		name: 'status',
		displayName: 'Status',
		kind: 'string',
		placeholder: 'running',
		description:
			'Only jobs in this status, such as queued, running, succeeded, partial, failed or cancelled',
	},
	{
		name: 'type',
		displayName: 'Type',
		kind: 'string',
		placeholder: 'export',
		description: 'Only jobs of this kind, such as pdf, export, import or bulk',
	},
	{
		name: 'resourceType',
		displayName: 'Resource Type',
		kind: 'string',
		placeholder: 'contacts',
		description: 'Only jobs about this kind of record, such as contacts or bids',
	},
];
