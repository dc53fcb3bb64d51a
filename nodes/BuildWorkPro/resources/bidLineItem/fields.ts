import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';
import { bid } from '../bid/fields';

/** A bid's line items: /bids/{bidId}/line-items/{lineItemId}. */
export const bidLineItem: ResourceSpec = {
	value: 'bidLineItem',
	noun: 'bid line item',
	path: '/line-items',
	idParameter: 'lineItemId',
	idLabel: 'Line Item ID',
	parent: bid,
};

export const lineDescription: FieldSpec = {
	name: 'description',
	displayName: 'Description',
	kind: 'string',
	placeholder: 'Concrete slab on grade',
	description: 'What the line item is for, as shown on the bid',
};

/**
 * Writable line-item fields besides the description. Quantities, measures and the unit price are
 * decimal strings ("12.5"). deletedAt is left out: removing a line is Delete's job.
 */
export const lineFields: FieldSpec[] = [
	{
		name: 'area',
		displayName: 'Area',
		kind: 'string',
		nullable: true,
		placeholder: '120.5',
		description: 'Area, as a decimal number',
	},
	{
		name: 'depth',
		displayName: 'Depth',
		kind: 'string',
		nullable: true,
		description: 'Depth, as a decimal number',
	},
	{
		name: 'height',
		displayName: 'Height',
		kind: 'string',
		nullable: true,
		description: 'Height, as a decimal number',
	},
	{
		name: 'markName',
		displayName: 'Mark Name',
		kind: 'string',
		nullable: true,
		placeholder: 'A1',
		description: 'Mark that ties the line to the drawings',
	},
	{
		name: 'order',
		displayName: 'Order',
		kind: 'number',
		description: 'Position of the line on the bid (lower comes first)',
	},
	{
		name: 'perimeterLf',
		displayName: 'Perimeter (LF)',
		kind: 'string',
		nullable: true,
		description: 'Perimeter in linear feet, as a decimal number',
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
		nullable: true,
		placeholder: '12',
		description: 'Quantity, as a decimal number',
	},
	{
		name: 'unitPrice',
		displayName: 'Unit Price',
		kind: 'string',
		placeholder: '450.00',
		description: 'Price per unit, as a decimal number',
	},
	{
		name: 'volumeCf',
		displayName: 'Volume (CF)',
		kind: 'string',
		nullable: true,
		description: 'Volume in cubic feet, as a decimal number',
	},
	{
		name: 'width',
		displayName: 'Width',
		kind: 'string',
		nullable: true,
		description: 'Width, as a decimal number',
	},
];
