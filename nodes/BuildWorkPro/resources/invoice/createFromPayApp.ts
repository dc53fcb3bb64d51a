import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { collectionAction } from '../../description/operations';
import { fromPayAppFields, fromPayAppId, invoice } from './fields';

/** POST /invoices/from-pay-app {payAppId, dueDate?, notesToCustomer?} → 201 with the invoice. */
export const createFromPayAppOperation = collectionAction(
	invoice,
	{
		value: 'createFromPayApp',
		name: 'Create From Pay App',
		action: 'Create an invoice from a pay application',
		description:
			'Create a draft invoice billing the current payment due of an approved pay application. Needs the pay app ID; due date and notes are optional. Refused unless it is approved and not invoiced yet. Returns the new invoice.',
		fields: [requiredBodyProperty(fromPayAppId), additionalFields(fromPayAppFields)],
	},
	'from-pay-app',
);
