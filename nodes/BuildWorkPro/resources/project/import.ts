import { forOperations } from '../../shared/fields';
import {
	binaryInputProperty,
	fieldNames,
	importMappingProperty,
	importRecords,
	updateInPlaceProperty,
} from '../../files/import';
import { waitForCompletionProperty } from '../../files/jobs';
import { project, projectName, projectFields } from './fields';

/** The fields a CSV column can fill: those Create and Update take. */
const importableFields = fieldNames(projectName, projectFields);

/** POST /jobs/uploads → PUT the CSV to the signed URL (no credentials) → POST /projects/imports {sourcePath, mapping, updateInPlace} → a job. */
export const importOperation = importRecords(
	project,
	{
		value: 'import',
		name: 'Import',
		action: 'Import projects from CSV',
		description:
			'Create (or, with Update Existing Records, update) projects from a CSV file in an input binary field, one per row, in a background job; columns named like the fields (name, …) are used unless Column Mapping says otherwise. Returns the finished job with its counts (created, updated, failed) and the row errors (without waiting: the job ID).',
	},
	{ fields: importableFields },
);

export const importFields = forOperations(
	project,
	['import'],
	[
		binaryInputProperty(),
		importMappingProperty(importableFields),
		updateInPlaceProperty('project'),
		waitForCompletionProperty('the import'),
	],
);
