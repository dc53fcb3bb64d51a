import { forOperations } from '../../shared/fields';
import { binaryOutputProperty, exportFiltersProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { exportRecords } from '../../shared/operations';
import { payApp, payAppFilters } from './fields';

/** POST /pay-apps/exports {filters} → a job; its CSV comes from GET /jobs/{id}/download. */
export const exportOperation = exportRecords(payApp, {
	value: 'export',
	name: 'Export',
	action: 'Export pay applications to CSV',
	description:
		'Export every one of the pay applications matching the filters (the same as Get Many) to one CSV file in a background job; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).',
});

export const exportFields = forOperations(
	payApp,
	['export'],
	[
		exportFiltersProperty(payAppFilters),
		binaryOutputProperty(),
		waitForCompletionProperty('the export'),
	],
);
