import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { lead, leadFields, leadName, leadStage } from './fields';

/** PATCH /leads/{id}. */
export const updateOperation = updateRecord(lead, {
	value: 'update',
	name: 'Update',
	action: 'Update a lead',
	description:
		'Change some fields of the lead with this lead ID (for example move it to another stage); fields left out stay as they are. Returns the updated lead.',
	fields: [updateFieldsProperty([leadName, leadStage, ...leadFields])],
});
