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
	timeEntry,
	timeEntryUser,
	timeEntryProject,
	timeEntryDate,
	timeEntryHours,
	timeEntryFields,
} from './fields';

/** The fields a CSV column can fill: those Create and Update take. */
const importableFields = fieldNames(
	timeEntryUser,
	timeEntryProject,
	timeEntryDate,
	timeEntryHours,
	timeEntryFields,
);

/** POST /jobs/uploads → PUT the CSV to the signed URL (no credentials) → POST /time-entries/imports {sourcePath, mapping, updateInPlace} → a job. */
export const importOperation = importRecords(
	timeEntry,
	{
		value: 'import',
		name: 'Import',
		action: 'Import time entries from CSV',
		description:
			'Create (or, with Update Existing Records, update) time entries from a CSV file in an input binary field, one per row, in a background job; columns named like the fields (userId, projectId, date, hours, …) are used unless Column Mapping says otherwise. Returns the finished job with its counts (created, updated, failed) and the row errors (without waiting: the job ID).',
	},
	{ fields: importableFields },
);

export const importFields = forOperations(
	timeEntry,
	['import'],
	[
		binaryInputProperty(),
		importMappingProperty(importableFields),
		updateInPlaceProperty('time entry'),
		waitForCompletionProperty('the import'),
	],
);
