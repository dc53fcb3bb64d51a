import { forOperations } from '../../shared/fields';
import { binaryOutputProperty, exportFiltersProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { exportRecords } from '../../shared/operations';
import { timeEntry, timeEntryFilters } from './fields';

/** POST /time-entries/exports {filters} → a job; its CSV comes from GET /jobs/{id}/download. */
export const exportOperation = exportRecords(timeEntry, {
	value: 'export',
	name: 'Export',
	action: 'Export time entries to CSV',
	description:
		'Export every one of the time entries matching the filters (the same as Get Many) to one CSV file in a background job; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).',
});

export const exportFields = forOperations(
	timeEntry,
	['export'],
	[
		exportFiltersProperty(timeEntryFilters),
		binaryOutputProperty(),
		waitForCompletionProperty('the export'),
	],
);
