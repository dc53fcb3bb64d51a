import { forOperations } from '../../shared/fields';
import { binaryOutputProperty, exportFiltersProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { exportRecords } from '../../shared/operations';
import { contact, contactFilters } from './fields';

/** POST /contacts/exports {filters} → a job; its CSV comes from GET /jobs/{id}/download. */
export const exportOperation = exportRecords(contact, {
	value: 'export',
	name: 'Export',
	action: 'Export contacts to CSV',
	description:
		'Export every contact matching the filters (same as Get Many: type, search text, creation date) to one CSV file in a background job; far fewer requests than Get Many for thousands of contacts. Returns the CSV as binary data with its row count (without waiting: the job ID).',
});

export const exportFields = forOperations(
	contact,
	['export'],
	[
		exportFiltersProperty(contactFilters),
		binaryOutputProperty(),
		waitForCompletionProperty('the export'),
	],
);
