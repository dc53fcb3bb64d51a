import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { updateOperation } from './update';
import {
	timeEntry,
	timeEntryFilters,
	timeEntryUser,
	timeEntryProject,
	timeEntryDate,
	timeEntryHours,
	timeEntryFields,
} from './fields';

/** The Time Entry resource (BuildWorkPro has no Get of one entry): its operations. */
export const timeEntryResource = defineResource({
	resource: timeEntry,
	name: 'Time Entry',
	operations: [
		createOperation,
		deleteOperation,
		getAllOperation,
		getSummaryOperation,
		updateOperation,
	],
	generic: {
		export: { filters: timeEntryFilters },
		import: {
			fields: [timeEntryUser, timeEntryProject, timeEntryDate, timeEntryHours, timeEntryFields],
			exampleColumns: 'userId, projectId, date, hours',
		},
		bulk: true,
	},
});
