import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { leadStage, stageFields, stageName } from './fields';

/** PATCH /lead-stages/{id}. */
export const updateOperation = updateRecord(leadStage, {
	value: 'update',
	name: 'Update',
	action: 'Update a lead stage',
	description: 'Rename, reorder or re-flag the lead stage with this ID. Returns the updated stage.',
	fields: [updateFieldsProperty([stageName, ...stageFields])],
});
