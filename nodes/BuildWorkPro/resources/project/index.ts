import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { updateOperation } from './update';
import { project, projectFilters, projectName, projectFields } from './fields';

/** The Project resource: its operations. */
export const projectResource = defineResource({
	resource: project,
	name: 'Project',
	operations: [
		createOperation,
		deleteOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		updateOperation,
	],
	generic: {
		export: { filters: projectFilters },
		import: { fields: [projectName, projectFields], exampleColumns: 'name' },
		count: { filters: projectFilters },
		getByIds: true,
		bulk: true,
	},
});
