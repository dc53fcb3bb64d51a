import { defineResource } from '../../description/defineResource';
import { convertOperation } from './convert';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { updateOperation } from './update';
import { lead, leadFilters, leadName, leadStage, leadFields } from './fields';

/** The Lead resource: its operations. */
export const leadResource = defineResource({
	resource: lead,
	name: 'Lead',
	operations: [
		convertOperation,
		createOperation,
		deleteOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		updateOperation,
	],
	generic: {
		export: { filters: leadFilters },
		import: { fields: [leadName, leadStage, leadFields], exampleColumns: 'name, stageId' },
		count: { filters: leadFilters },
		bulk: true,
	},
});
