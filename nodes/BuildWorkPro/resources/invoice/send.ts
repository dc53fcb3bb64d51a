import type { INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { invoice, sendFields } from './fields';

/** CC addresses: a comma-separated list in the editor, an array of addresses in the API. */
const ccEmails: INodeProperties = {
	displayName: 'CC Emails',
	name: 'ccEmails',
	type: 'string',
	default: '',
	placeholder: 'pm@email.com, office@email.com',
	description: 'Addresses that get a copy, separated by commas',
	routing: {
		send: {
			type: 'body',
			property: 'ccEmails',
			value:
				'={{ (Array.isArray($value) ? $value : String($value).split(",")).map((address) => String(address).trim()).filter((address) => address !== "") }}',
		},
	},
};

const optionalFields = additionalFields(sendFields);
optionalFields.options = [...(optionalFields.options as INodeProperties[]), ccEmails].sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

/** POST /invoices/{id}/send {recipientEmail?, ccEmails?, subject?, body?, templateId?}: draft → sent. */
export const sendOperation = recordAction(
	invoice,
	{
		value: 'send',
		name: 'Send',
		action: 'Send an invoice',
		description:
			"Email the draft invoice with this invoice ID as a PDF and mark it sent; recipient (the invoice's contact when left out), CC addresses, subject, body and template are optional. Refused unless it is a draft. Returns the invoice, now sent.",
		fields: [optionalFields],
	},
	'send',
);
