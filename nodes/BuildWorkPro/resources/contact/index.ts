import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { updateOperation } from './update';
import { contact, contactFilters, contactType, contactFields } from './fields';

/** The Contact resource: its operations. */
export const contactResource = defineResource({
	resource: contact,
	name: 'Contact',
	operations: [
		createOperation,
		deleteOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		updateOperation,
	],
	generic: {
		export: {
			filters: contactFilters,
			description:
				'Export every contact matching the filters (same as Get Many: type, search text, creation date) to one CSV file in a background job; far fewer requests than Get Many for thousands of contacts. Returns the CSV as binary data with its row count (without waiting: the job ID).',
		},
		import: {
			fields: [contactType, contactFields],
			exampleColumns: 'firstName, lastName, email, type',
		},
		count: { filters: contactFilters, filtersNote: 'type, search text, creation dates' },
		getByIds: {
			description:
				'Retrieve up to 50 contacts at once by their IDs (comma-separated). Returns one item per contact found; unknown IDs are skipped.',
		},
		bulk: true,
	},
});
