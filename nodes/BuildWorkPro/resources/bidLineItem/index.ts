import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import { bidLineItem } from './fields';

/** The Bid Line Item resource (lines of a bid): its operations. */
export const bidLineItemResource = defineResource({
	resource: bidLineItem,
	name: 'Bid Line Item',
	operations: [createOperation, deleteOperation, getAllOperation, updateOperation],
	parentIdDescription: 'ID of the bid the line items belong to',
});
