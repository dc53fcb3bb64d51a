import { dateFilters, searchFilter } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** Files attached to a record (a project's drawings, a bid's scope letter, site photos): /documents. */
export const document: ResourceSpec = {
	value: 'document',
	noun: 'document',
	path: '/documents',
	idParameter: 'documentId',
	idLabel: 'Document ID',
};

/** What can be changed about a document (Update Fields): its category and description, not its file. */
export const documentFields: FieldSpec[] = [
	{
		name: 'category',
		displayName: 'Category',
		kind: 'string',
		nullable: true,
		placeholder: 'permit',
		description:
			'Your label for the kind of document, such as contract, permit or estimate (up to 64 characters; empty clears it)',
	},
	{
		name: 'description',
		displayName: 'Description',
		kind: 'text',
		nullable: true,
		description: 'Notes about the document (up to 2,000 characters; empty clears it)',
	},
];

/**
 * Filters of Get Many, Count and Export. BuildWorkPro leaves the list of record types open, so the
 * entity type is typed rather than picked from a list.
 */
export const documentFilters: FieldSpec[] = [
	{
		name: 'category',
		displayName: 'Category',
		kind: 'string',
		placeholder: 'permit',
		description: 'Only documents with exactly this category',
	},
	...dateFilters('documents'),
	{
		name: 'entityId',
		displayName: 'Entity ID',
		kind: 'reference',
		description: 'Only documents attached to the record with this ID (use with Entity Type)',
	},
	{
		name: 'entityType',
		displayName: 'Entity Type',
		kind: 'string',
		placeholder: 'project',
		description:
			'Only documents attached to this type of record, as BuildWorkPro names it in snake_case, such as project, bid or site_log',
	},
	searchFilter('file names, categories and descriptions'),
];
