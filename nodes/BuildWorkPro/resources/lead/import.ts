import { forOperations } from '../../shared/fields';
import {
	binaryInputProperty,
	fieldNames,
	importMappingProperty,
	importRecords,
	updateInPlaceProperty,
} from '../../files/import';
import { waitForCompletionProperty } from '../../files/jobs';
import { lead, leadName, leadStage, leadFields } from './fields';

/** The fields a CSV column can fill: those Create and Update take. */
const importableFields = fieldNames(leadName, leadStage, leadFields);

/** POST /jobs/uploads → PUT the CSV to the signed URL (no credentials) → POST /leads/imports {sourcePath, mapping, updateInPlace} → a job. */
export const importOperation = importRecords(
	lead,
	{
		value: 'import',
		name: 'Import',
		action: 'Import leads from CSV',
		description:
			'Create (or, with Update Existing Records, update) leads from a CSV file in an input binary field, one per row, in a background job; columns named like the fields (name, stageId, …) are used unless Column Mapping says otherwise. Returns the finished job with its counts (created, updated, failed) and the row errors (without waiting: the job ID).',
	},
	{ fields: importableFields },
);

export const importFields = forOperations(
	lead,
	['import'],
	[
		binaryInputProperty(),
		importMappingProperty(importableFields),
		updateInPlaceProperty('lead'),
		waitForCompletionProperty('the import'),
	],
);
