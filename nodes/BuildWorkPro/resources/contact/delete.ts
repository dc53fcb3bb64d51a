import type {
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { contactIdField, optionsCollection } from '../../shared/descriptions';
import { requireNumericContactId } from '../../shared/preSend';
import { sendSingleRequest } from '../../shared/transport';

/** BuildWorkPro answers 204 without a body; the node confirms which contact went. */
async function confirmDeletion(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const id = Number(String(this.getNodeParameter('contactId')).trim());
	return [{ json: { id, deleted: true }, pairedItem: { item: this.getItemIndex() } }];
}

/** DELETE /contacts/{id} (a soft delete: afterwards the contact is "not found"). */
export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a contact',
	description: 'Delete a contact',
	routing: {
		request: { method: 'DELETE', url: '=/contacts/{{ String($parameter.contactId).trim() }}' },
		send: { paginate: true, preSend: [requireNumericContactId] },
		output: { postReceive: [confirmDeletion] },
		operations: { pagination: sendSingleRequest },
	},
};

export const deleteFields: INodeProperties[] = [
	contactIdField('delete', 'ID of the contact to delete'),
	optionsCollection('delete', true),
];
