import { defineResource } from '../../description/defineResource';
import { approveOperation } from './approve';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { downloadPdfOperation } from './downloadPdf';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { markPaidOperation } from './markPaid';
import { rejectOperation } from './reject';
import { submitOperation } from './submit';
import { updateOperation } from './update';
import { payApp, payAppFilters } from './fields';

/** The Pay App resource (pay applications): its operations. */
export const payAppResource = defineResource({
	resource: payApp,
	name: 'Pay App',
	operations: [
		approveOperation,
		createOperation,
		deleteOperation,
		downloadPdfOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		markPaidOperation,
		rejectOperation,
		submitOperation,
		updateOperation,
	],
	generic: {
		export: { filters: payAppFilters },
		count: { filters: payAppFilters },
		getByIds: true,
		bulk: true,
	},
});
