import type { INodeProperties } from 'n8n-workflow';

import { dateFilters, searchFilter } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

/** The product catalogue: materials and labour items bids are built from, kits included. */
export const product: ResourceSpec = {
	value: 'product',
	noun: 'product',
	path: '/products',
	idParameter: 'productId',
	idLabel: 'Product ID',
};

export const productName: FieldSpec = {
	name: 'name',
	displayName: 'Name',
	kind: 'string',
	placeholder: 'Drywall sheet 4x8, 1/2 in',
	description: 'Name of the product in the catalogue (up to 255 characters)',
};

/**
 * Writable product fields besides the name (Create's Additional Fields; with the name, Update's
 * Update Fields). Prices and tax rates are decimal strings ("12.50"). Left out: the QuickBooks
 * bookkeeping (qboId, qboSyncToken, qboLastSyncedAt), which the QuickBooks sync keeps, and
 * deletedAt, which is Delete's and Restore's job.
 */
export const productFields: FieldSpec[] = [
	{
		name: 'buyTaxPercent',
		displayName: 'Buy Tax Percent',
		kind: 'string',
		nullable: true,
		placeholder: '8.25',
		description: 'Tax rate on purchases of the product, in percent, as a decimal number',
	},
	{
		name: 'categoryId',
		displayName: 'Category ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the product category. 0 removes it.',
	},
	{
		name: 'costPrice',
		displayName: 'Cost Price',
		kind: 'string',
		nullable: true,
		placeholder: '9.40',
		description: 'What one unit costs you, as a decimal number',
	},
	{ name: 'description', displayName: 'Description', kind: 'text', nullable: true },
	{
		name: 'isActive',
		displayName: 'Is Active',
		kind: 'boolean',
		default: true,
		description: 'Whether the product is active in the catalogue',
	},
	{
		name: 'isKit',
		displayName: 'Is Kit',
		kind: 'boolean',
		description:
			'Whether the product is a kit made of other products (see the Product Kit Item resource)',
	},
	{
		name: 'manufacturerCode',
		displayName: 'Manufacturer Code',
		kind: 'string',
		nullable: true,
		placeholder: 'GP-48-12',
		description: "The manufacturer's part number (up to 100 characters)",
	},
	{
		name: 'manufacturerId',
		displayName: 'Manufacturer ID',
		kind: 'reference',
		nullable: true,
		description: 'ID of the manufacturer. 0 removes it.',
	},
	{
		name: 'salesDescription',
		displayName: 'Sales Description',
		kind: 'text',
		nullable: true,
		description: 'Description of the product for customers',
	},
	{
		name: 'sellPrice',
		displayName: 'Sell Price',
		kind: 'string',
		nullable: true,
		placeholder: '14.75',
		description: 'Price of one unit to customers, as a decimal number',
	},
	{
		name: 'sellTaxPercent',
		displayName: 'Sell Tax Percent',
		kind: 'string',
		nullable: true,
		placeholder: '8.25',
		description: 'Tax rate on sales of the product, in percent, as a decimal number',
	},
	{
		name: 'sku',
		displayName: 'SKU',
		kind: 'string',
		nullable: true,
		placeholder: 'DW-4812',
		description: 'Stock-keeping unit code of the product (up to 50 characters)',
	},
	{
		name: 'type',
		displayName: 'Type',
		kind: 'string',
		placeholder: 'material',
		description: 'Kind of catalogue item, such as material or labor (up to 50 characters)',
	},
	{
		name: 'unit',
		displayName: 'Unit',
		kind: 'string',
		nullable: true,
		placeholder: 'each',
		description:
			'Unit the product is counted in, such as each, sheet or hour (up to 50 characters)',
	},
];

const isKitFilter: FieldSpec = {
	name: 'isKit',
	displayName: 'Is Kit',
	kind: 'options',
	options: [
		{ name: 'Kits Only', value: 'true' },
		{ name: 'No Kits', value: 'false' },
	],
	description: 'Only kits, or only products that are not kits',
};

const sharedFilters: FieldSpec[] = [
	...dateFilters('products'),
	{
		name: 'categoryId',
		displayName: 'Category ID',
		kind: 'reference',
		description: 'Only products of this category',
	},
	isKitFilter,
	{
		name: 'manufacturerId',
		displayName: 'Manufacturer ID',
		kind: 'reference',
		description: 'Only products of this manufacturer',
	},
	searchFilter('product names, SKUs and descriptions'),
	{
		name: 'type',
		displayName: 'Type',
		kind: 'string',
		placeholder: 'material',
		description: 'Only products of this type, such as material or labor',
	},
];

/** Filters of Get Many: the list also takes isActive=all. */
export const productFilters: FieldSpec[] = [
	...sharedFilters,
	{
		name: 'isActive',
		displayName: 'Is Active',
		kind: 'options',
		options: [
			{ name: 'Active Only', value: 'true' },
			{ name: 'Inactive Only', value: 'false' },
			{ name: 'All', value: 'all' },
		],
		description: 'Only active products, only inactive ones, or both',
	},
];

/** Filters of Count: the same, but Is Active is a plain true or false there. */
export const productCountFilters: FieldSpec[] = [
	...sharedFilters,
	{
		name: 'isActive',
		displayName: 'Is Active',
		kind: 'options',
		options: [
			{ name: 'Active Only', value: 'true' },
			{ name: 'Inactive Only', value: 'false' },
		],
		description: 'Only active products, or only inactive ones',
	},
];

/** The most IDs one bulk delete or bulk restore takes. */
export const MAX_IDS_PER_BULK_CALL = 500;

/** The IDs of Bulk Delete and Bulk Restore (sent by `requireBulkIdList`). */
export function bulkIdsProperty(verb: string): INodeProperties {
	return {
		displayName: 'IDs',
		name: 'ids',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12, 15, 19',
		description: `IDs of the products to ${verb}, separated by commas (at most ${MAX_IDS_PER_BULK_CALL})`,
	};
}
