import { forOperations } from '../../shared/fields';
import { binaryOutputProperty, exportFiltersProperty } from '../../files/downloads';
import { waitForCompletionProperty } from '../../files/jobs';
import { exportRecords } from '../../shared/operations';
import { lead, leadFilters } from './fields';

/** POST /leads/exports {filters} → a job; its CSV comes from GET /jobs/{id}/download. */
export const exportOperation = exportRecords(lead, {
	value: 'export',
	name: 'Export',
	action: 'Export leads to CSV',
	description:
		'Export every one of the leads matching the filters (the same as Get Many) to one CSV file in a background job; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).',
});

export const exportFields = forOperations(
	lead,
	['export'],
	[
		exportFiltersProperty(leadFilters),
		binaryOutputProperty(),
		waitForCompletionProperty('the export'),
	],
);
