import { forOperations, updateFields as updateFieldsProperty } from '../../shared/fields';
import { updateRecord } from '../../shared/operations';
import { lead, leadFields, leadName, leadStage } from './fields';

/** PATCH /leads/{id}. */
export const updateOperation = updateRecord(lead, {
	value: 'update',
	name: 'Update',
	action: 'Update a lead',
	description:
		'Change some fields of the lead with this lead ID (for example move it to another stage); fields left out stay as they are. Returns the updated lead.',
});

export const updateFields = forOperations(
	lead,
	['update'],
	[updateFieldsProperty([leadName, leadStage, ...leadFields])],
);
