import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import {
	siteLog,
	siteLogFilters,
	siteLogProject,
	siteLogDate,
	siteLogNotes,
	siteLogCreatedBy,
	siteLogFields,
} from './fields';

/** The Site Log resource: its operations. */
export const siteLogResource = defineResource({
	resource: siteLog,
	name: 'Site Log',
	operations: [createOperation, deleteOperation, getOperation, getAllOperation, updateOperation],
	generic: {
		export: { filters: siteLogFilters },
		import: {
			fields: [siteLogProject, siteLogDate, siteLogNotes, siteLogCreatedBy, siteLogFields],
			exampleColumns: 'projectId, logDate, notes, createdBy',
		},
		bulk: true,
	},
});
