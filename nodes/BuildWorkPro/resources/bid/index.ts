import { defineResource } from '../../description/defineResource';
import { acceptOperation } from './accept';
import { convertToProjectOperation } from './convertToProject';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { downloadPdfOperation } from './downloadPdf';
import { duplicateOperation } from './duplicate';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getSummaryOperation } from './getSummary';
import { rejectOperation } from './reject';
import { revertAcceptanceOperation } from './revertAcceptance';
import { sendOperation } from './send';
import { updateOperation } from './update';
import { bid, bidFilters } from './fields';

/** The Bid resource: its operations. */
export const bidResource = defineResource({
	resource: bid,
	name: 'Bid',
	operations: [
		acceptOperation,
		convertToProjectOperation,
		createOperation,
		deleteOperation,
		downloadPdfOperation,
		duplicateOperation,
		getOperation,
		getAllOperation,
		getSummaryOperation,
		rejectOperation,
		revertAcceptanceOperation,
		sendOperation,
		updateOperation,
	],
	generic: {
		export: { filters: bidFilters },
		count: { filters: bidFilters },
		getByIds: { without: 'line items' },
		bulk: true,
	},
});
