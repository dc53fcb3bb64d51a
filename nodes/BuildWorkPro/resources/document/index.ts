import { defineResource } from '../../description/defineResource';
import { deleteOperation } from './delete';
import { downloadOperation } from './download';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import { document, documentFilters } from './fields';

/** The Document resource: its operations. */
export const documentResource = defineResource({
	resource: document,
	name: 'Document',
	operations: [deleteOperation, downloadOperation, getOperation, getAllOperation, updateOperation],
	generic: {
		export: {
			filters: documentFilters,
			description:
				'Export the details of every document matching the filters (the same as Get Many) to one CSV file in a background job, without the files themselves; far fewer requests than Get Many for large lists. Returns the CSV as binary data with its row count (without waiting: the job ID).',
		},
		count: { filters: documentFilters },
		bulk: true,
	},
});
