import { forOperations } from '../../shared/fields';
import {
	binaryInputProperty,
	fieldNames,
	importMappingProperty,
	importRecords,
	updateInPlaceProperty,
} from '../../files/import';
import { waitForCompletionProperty } from '../../files/jobs';
import { contact, contactType, contactFields } from './fields';

/** The fields a CSV column can fill: those Create and Update take. */
const importableFields = fieldNames(contactType, contactFields);

/** POST /jobs/uploads → PUT the CSV to the signed URL (no credentials) → POST /contacts/imports {sourcePath, mapping, updateInPlace} → a job. */
export const importOperation = importRecords(
	contact,
	{
		value: 'import',
		name: 'Import',
		action: 'Import contacts from CSV',
		description:
			'Create (or, with Update Existing Records, update) contacts from a CSV file in an input binary field, one per row, in a background job; columns named like the fields (firstName, lastName, email, type, …) are used unless Column Mapping says otherwise. Returns the finished job with its counts (created, updated, failed) and the row errors (without waiting: the job ID).',
	},
	{ fields: importableFields },
);

export const importFields = forOperations(
	contact,
	['import'],
	[
		binaryInputProperty(),
		importMappingProperty(importableFields),
		updateInPlaceProperty('contact'),
		waitForCompletionProperty('the import'),
	],
);
