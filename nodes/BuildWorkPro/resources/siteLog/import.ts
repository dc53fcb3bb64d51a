import { forOperations } from '../../shared/fields';
import {
	binaryInputProperty,
	fieldNames,
	importMappingProperty,
	importRecords,
	updateInPlaceProperty,
} from '../../files/import';
import { waitForCompletionProperty } from '../../files/jobs';
import {
	siteLog,
	siteLogProject,
	siteLogDate,
	siteLogNotes,
	siteLogCreatedBy,
	siteLogFields,
} from './fields';

/** The fields a CSV column can fill: those Create and Update take. */
const importableFields = fieldNames(
	siteLogProject,
	siteLogDate,
	siteLogNotes,
	siteLogCreatedBy,
	siteLogFields,
);

/** POST /jobs/uploads → PUT the CSV to the signed URL (no credentials) → POST /site-logs/imports {sourcePath, mapping, updateInPlace} → a job. */
export const importOperation = importRecords(
	siteLog,
	{
		value: 'import',
		name: 'Import',
		action: 'Import site logs from CSV',
		description:
			'Create (or, with Update Existing Records, update) site logs from a CSV file in an input binary field, one per row, in a background job; columns named like the fields (projectId, logDate, notes, createdBy, …) are used unless Column Mapping says otherwise. Returns the finished job with its counts (created, updated, failed) and the row errors (without waiting: the job ID).',
	},
	{ fields: importableFields },
);

export const importFields = forOperations(
	siteLog,
	['import'],
	[
		binaryInputProperty(),
		importMappingProperty(importableFields),
		updateInPlaceProperty('site log'),
		waitForCompletionProperty('the import'),
	],
);
