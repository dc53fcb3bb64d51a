import { additionalFields, forOperations, requiredBodyProperty } from '../../shared/fields';
import { createRecord } from '../../shared/operations';
import { lead, leadFields, leadName, leadStage } from './fields';

/** POST /leads → 201 with the new lead. */
export const createOperation = createRecord(lead, {
	value: 'create',
	name: 'Create',
	action: 'Create a lead',
	description:
		'Create a sales lead. Needs a name and a lead stage ID; contact ID, assignee, source, estimated value and site address are optional. Returns the new lead with its ID.',
});

export const createFields = forOperations(
	lead,
	['create'],
	[requiredBodyProperty(leadName), requiredBodyProperty(leadStage), additionalFields(leadFields)],
);
