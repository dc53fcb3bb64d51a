import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';
import { invoice } from '../invoice/fields';

/** An invoice's line items: /invoices/{invoiceId}/lines/{lineItemId}. */
export const invoiceLineItem: ResourceSpec = {
	value: 'invoiceLineItem',
	noun: 'invoice line item',
	path: '/lines',
	idParameter: 'lineItemId',
	idLabel: 'Line Item ID',
	parent: invoice,
};

export const lineDescription: FieldSpec = {
	name: 'description',
	displayName: 'Description',
	kind: 'string',
	placeholder: 'Progress billing, March',
	description: 'What the line bills for, as printed on the invoice',
};

/**
 * Writable line fields besides the description (also the columns of Invoice Create's Lines).
 * Quantity and unit price are decimal strings ("12.5"). deletedAt is left out: removing a line is
 * Delete's job.
 */
export const lineFields: FieldSpec[] = [
	{
		name: 'isTaxable',
		displayName: 'Is Taxable',
		kind: 'boolean',
		default: true,
		description: "Whether the invoice's tax rate applies to the line",
	},
	{
		name: 'position',
		displayName: 'Position',
		kind: 'number',
		description: 'Position of the line on the invoice (lower comes first)',
	},
	{
		name: 'productId',
		displayName: 'Product ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the product from the catalogue. 0 removes the link.',
	},
	{
		name: 'quantity',
		displayName: 'Quantity',
		kind: 'string',
		placeholder: '1',
		description: 'Quantity, as a decimal number (1 when left out)',
	},
	{
		name: 'unitPrice',
		displayName: 'Unit Price',
		kind: 'string',
		placeholder: '4500.00',
		description: 'Price per unit, as a decimal number',
	},
];

/** Reorder's required field. */
export const orderedIds = {
	name: 'orderedIds',
	displayName: 'Ordered Line Item IDs',
	description: 'Every line item ID of the invoice, in the new order, separated by commas',
};
