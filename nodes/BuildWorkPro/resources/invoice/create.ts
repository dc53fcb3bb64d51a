import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, bodyProperty, requiredBodyProperty } from '../../description/fields';
import type { FieldSpec } from '../../description/fields';
import { collectionPath, customOperation } from '../../description/operations';
import { lineDescription, lineFields } from '../invoiceLineItem/fields';
import { invoice, invoiceContact, invoiceFields, invoiceIssueDate, invoiceProject } from './fields';
import { nestInvoiceAndLines } from './preSend';

/** A column of the Lines table: the line field's editor, sent by `nestInvoiceAndLines`. */
function column(spec: FieldSpec, required = false): INodeProperties {
	const property = bodyProperty(spec);
	delete property.routing;
	return required ? { ...property, required: true } : property;
}

const linesProperty: INodeProperties = {
	displayName: 'Lines',
	name: 'lines',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Line',
	default: {},
	description: 'The line items of the invoice, in order',
	options: [
		{
			displayName: 'Line',
			name: 'line',
			values: [column(lineDescription, true), ...lineFields.map((spec) => column(spec))],
		},
	],
};

/** POST /invoices {invoice, lines} → 201 with the new draft invoice and its lines. */
export const createOperation = customOperation(
	invoice,
	{
		value: 'create',
		name: 'Create',
		action: 'Create an invoice',
		description:
			'Create a draft invoice with its line items. Needs the project ID, the contact ID and the issue date; each line needs a description (quantity and unit price are decimal strings). Returns the new invoice with its ID, lines and computed totals.',
		fields: [
			requiredBodyProperty(invoiceProject),
			requiredBodyProperty(invoiceContact),
			requiredBodyProperty(invoiceIssueDate),
			linesProperty,
			additionalFields(invoiceFields),
		],
	},
	{ method: 'POST', url: collectionPath(invoice), preSend: [nestInvoiceAndLines] },
);
