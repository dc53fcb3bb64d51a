import { forOperations } from '../../shared/fields';
import { binaryOutputProperty, exportFiltersProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { exportRecords } from '../../shared/operations';
import { document, documentFilters } from './fields';

/** POST /documents/exports {filters} → a job; its CSV comes from GET /jobs/{id}/download. */
export const exportOperation = exportRecords(document, {
	value: 'export',
	name: 'Export',
	action: 'Export documents to CSV',
	description:
		'Export the details of every document matching the filters (the same as Get Many) to one CSV file in a background job, without the files themselves; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).',
});

export const exportFields = forOperations(
	document,
	['export'],
	[
		exportFiltersProperty(documentFilters),
		binaryOutputProperty(),
		waitForCompletionProperty('the export'),
	],
);
