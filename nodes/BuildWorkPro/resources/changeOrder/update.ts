import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { changeOrder, changeOrderFields, changeOrderReason, changeOrderTitle } from './fields';

/** PATCH /change-orders/{id}: drafts only (409 otherwise). */
export const updateOperation = updateRecord(changeOrder, {
	value: 'update',
	name: 'Update',
	action: 'Update a change order',
	description:
		'Change some fields of the draft change order with this change order ID; fields left out stay as they are. Refused once it is submitted. Returns the updated change order.',
	fields: [updateFieldsProperty([changeOrderTitle, changeOrderReason, ...changeOrderFields])],
});
