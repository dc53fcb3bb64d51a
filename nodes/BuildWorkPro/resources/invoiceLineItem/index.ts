import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { reorderOperation } from './reorder';
import { updateOperation } from './update';
import { invoiceLineItem } from './fields';

/**
 * The Invoice Line Item resource (lines of an invoice): its operations. The API has no list of lines: Invoice Get returns them.
 */
export const invoiceLineItemResource = defineResource({
	resource: invoiceLineItem,
	name: 'Invoice Line Item',
	operations: [createOperation, deleteOperation, reorderOperation, updateOperation],
	defaultOperation: 'create',
	parentIdDescription: 'ID of the invoice the line items belong to',
});
