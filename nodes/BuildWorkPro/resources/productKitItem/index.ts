import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getAllOperation } from './getAll';
import { reorderOperation } from './reorder';
import { updateOperation } from './update';
import { productKitItem } from './fields';

/** The Product Kit Item resource (components of a kit): its operations. */
export const productKitItemResource = defineResource({
	resource: productKitItem,
	name: 'Product Kit Item',
	operations: [
		createOperation,
		deleteOperation,
		getAllOperation,
		reorderOperation,
		updateOperation,
	],
	parentIdDescription: 'ID of the kit (the product the kit items belong to)',
});
