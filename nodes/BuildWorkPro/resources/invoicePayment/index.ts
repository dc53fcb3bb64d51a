import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import { invoicePayment } from './fields';

/** The Invoice Payment resource (an invoice's payment ledger): its operations. */
export const invoicePaymentResource = defineResource({
	resource: invoicePayment,
	name: 'Invoice Payment',
	operations: [createOperation, deleteOperation, getAllOperation, updateOperation],
	parentIdDescription: 'ID of the invoice the payments belong to',
});
