import { forOperations } from '../../shared/fields';
import { binaryOutputProperty, exportFiltersProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { exportRecords } from '../../shared/operations';
import { siteLog, siteLogFilters } from './fields';

/** POST /site-logs/exports {filters} → a job; its CSV comes from GET /jobs/{id}/download. */
export const exportOperation = exportRecords(siteLog, {
	value: 'export',
	name: 'Export',
	action: 'Export site logs to CSV',
	description:
		'Export every one of the site logs matching the filters (the same as Get Many) to one CSV file in a background job; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).',
});

export const exportFields = forOperations(
	siteLog,
	['export'],
	[
		exportFiltersProperty(siteLogFilters),
		binaryOutputProperty(),
		waitForCompletionProperty('the export'),
	],
);
