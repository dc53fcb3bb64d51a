import { additionalFields, forOperations, requiredBodyProperty } from '../../shared/fields';
import { collectionAction } from '../../shared/operations';
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
	},
	'from-pay-app',
);

export const createFromPayAppFields = forOperations(
	invoice,
	['createFromPayApp'],
	[requiredBodyProperty(fromPayAppId), additionalFields(fromPayAppFields)],
);
