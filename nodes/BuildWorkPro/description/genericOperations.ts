import type { FieldSpec } from './fields';
import { filtersProperty, idsProperty } from './fields';
import { binaryOutputProperty, exportFiltersProperty } from '../files/downloads';
import { bulkIdsProperty, bulkRecords, MAX_IDS_PER_BULK_JOB } from '../files/bulk';
import {
	binaryInputProperty,
	fieldNames,
	importMappingProperty,
	importRecords,
	updateInPlaceProperty,
} from '../files/import';
import { waitForCompletionProperty } from '../files/jobs';
import type { Operation } from './operations';
import { describeOperation, exportRecords, getRecordsByIds, readCollection } from './operations';
import { plural } from './resource';
import type { ResourceSpec } from './resource';

/**
 * The operations many resources offer alike (Export, Import, Count, Get by IDs, Bulk Delete and
 * Bulk Restore): a resource's declaration says which it has and with what filters or fields, and
 * their texts are written here once, from the resource's noun. Where a resource's words differ,
 * its declaration passes them.
 */
export interface GenericOperations {
	/** POST /<family>/exports: every record matching the filters, as one CSV. */
	export?: {
		filters: FieldSpec[];
		/** Replaces the usual description where the resource has more to say. */
		description?: string;
	};
	/** POST /<family>/imports: one record per row of a CSV. */
	import?: {
		/** The fields a CSV column can fill: those Create and Update take. */
		fields: Array<FieldSpec | FieldSpec[]>;
		/** The columns the description names as examples: 'name, stageId'. */
		exampleColumns: string;
	};
	/** GET /<family>/count. */
	count?: {
		filters: FieldSpec[];
		/** What the filters are, where they are not simply Get Many's. */
		filtersNote?: string;
	};
	/** POST /<family>/get-many with up to 50 IDs. */
	getByIds?:
		| true
		| {
				/** What the records come without: 'line items'. */
				without?: string;
				/** Replaces the usual description where the resource has more to say. */
				description?: string;
		  };
	/** POST /<family>/bulk {operation: 'delete' | 'restore', ids}, in jobs of at most 500 IDs. */
	bulk?: true;
}

const BULK_JOB_RESULT =
	'Returns one item per job: the finished job with its counts and the IDs that failed (without waiting: the job IDs).';

function exportOperation(
	resource: ResourceSpec,
	{ filters, description }: NonNullable<GenericOperations['export']>,
): Operation {
	const records = plural(resource.noun);
	return exportRecords(resource, {
		value: 'export',
		name: 'Export',
		action: `Export ${records} to CSV`,
		description:
			description ??
			`Export every one of the ${records} matching the filters (the same as Get Many) to one CSV file in a background job; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).`,
		fields: [
			exportFiltersProperty(filters),
			binaryOutputProperty(),
			waitForCompletionProperty('the export'),
		],
	});
}

function importOperation(
	resource: ResourceSpec,
	{ fields, exampleColumns }: NonNullable<GenericOperations['import']>,
): Operation {
	const records = plural(resource.noun);
	const importableFields = fieldNames(...fields);
	const option = importRecords(
		resource,
		{
			value: 'import',
			name: 'Import',
			action: `Import ${records} from CSV`,
			description: `Create (or, with Update Existing Records, update) ${records} from a CSV file in an input binary field, one per row, in a background job; columns named like the fields (${exampleColumns}, …) are used unless Column Mapping says otherwise. Returns the finished job with its counts (created, updated, failed) and the row errors (without waiting: the job ID).`,
		},
		{ fields: importableFields },
	);
	return describeOperation(resource, option, [
		binaryInputProperty(),
		importMappingProperty(importableFields),
		updateInPlaceProperty(resource.noun),
		waitForCompletionProperty('the import'),
	]);
}

function countOperation(
	resource: ResourceSpec,
	{ filters, filtersNote = 'same filters as Get Many' }: NonNullable<GenericOperations['count']>,
): Operation {
	const records = plural(resource.noun);
	return readCollection(
		resource,
		{
			value: 'count',
			name: 'Count',
			action: `Count ${records}`,
			description: `Count the ${records} that match the filters (${filtersNote}). Returns one item with the total.`,
			fields: [filtersProperty(filters)],
		},
		'count',
	);
}

function getByIdsOperation(
	resource: ResourceSpec,
	words: NonNullable<GenericOperations['getByIds']>,
): Operation {
	const { without, description } = words === true ? {} : words;
	const records = plural(resource.noun);
	const idNoun = resource.idLabel.replace(/ ID$/, '').toLowerCase();
	return getRecordsByIds(resource, {
		value: 'getByIds',
		name: 'Get by IDs',
		action: `Get ${records} by IDs`,
		description:
			description ??
			`Retrieve up to 50 ${records} in one request from a list of ${idNoun} IDs (comma-separated). Returns one item per ${resource.noun} found${without ? `, without ${without}` : ''}; IDs that do not exist are left out.`,
		fields: [idsProperty(resource)],
	});
}

function bulkOperations(resource: ResourceSpec): Operation[] {
	const records = plural(resource.noun);
	const bulk = (
		verb: 'delete' | 'restore',
		name: string,
		action: string,
		description: string,
	): Operation =>
		describeOperation(
			resource,
			bulkRecords(
				resource,
				{ value: `bulk${name}`, name: `${name} Many`, action, description },
				verb,
			),
			[bulkIdsProperty(resource, verb), waitForCompletionProperty(`the bulk ${verb}`)],
		);
	return [
		bulk(
			'delete',
			'Delete',
			`Delete many ${records}`,
			`Destructive: delete (soft delete) all the ${records} whose IDs the input items give, in background jobs of at most ${MAX_IDS_PER_BULK_JOB} IDs each; Restore Many undoes it. ${BULK_JOB_RESULT}`,
		),
		bulk(
			'restore',
			'Restore',
			`Restore many ${records}`,
			`Restore all the deleted ${records} whose IDs the input items give, in background jobs of at most ${MAX_IDS_PER_BULK_JOB} IDs each. ${BULK_JOB_RESULT}`,
		),
	];
}

/** The generic operations a resource's declaration asks for. */
export function genericOperations(resource: ResourceSpec, generic: GenericOperations): Operation[] {
	return [
		...(generic.export ? [exportOperation(resource, generic.export)] : []),
		...(generic.import ? [importOperation(resource, generic.import)] : []),
		...(generic.count ? [countOperation(resource, generic.count)] : []),
		...(generic.getByIds ? [getByIdsOperation(resource, generic.getByIds)] : []),
		...(generic.bulk ? bulkOperations(resource) : []),
	];
}
