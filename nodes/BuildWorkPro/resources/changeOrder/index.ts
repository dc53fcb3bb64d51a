import { defineResource } from '../../description/defineResource';
import { approveOperation } from './approve';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { downloadPdfOperation } from './downloadPdf';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { rejectOperation } from './reject';
import { submitOperation } from './submit';
import { updateOperation } from './update';
import { changeOrder, changeOrderFilters } from './fields';

/** The Change Order resource: its operations. */
export const changeOrderResource = defineResource({
	resource: changeOrder,
	name: 'Change Order',
	operations: [
		approveOperation,
		createOperation,
		deleteOperation,
		downloadPdfOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		rejectOperation,
		submitOperation,
		updateOperation,
	],
	generic: {
		export: { filters: changeOrderFilters },
		count: { filters: changeOrderFilters },
		getByIds: true,
		bulk: true,
	},
});
