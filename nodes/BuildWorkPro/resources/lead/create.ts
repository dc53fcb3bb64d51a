import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { lead, leadFields, leadName, leadStage } from './fields';

/** POST /leads → 201 with the new lead. */
export const createOperation = createRecord(lead, {
	value: 'create',
	name: 'Create',
	action: 'Create a lead',
	description:
		'Create a sales lead. Needs a name and a lead stage ID; contact ID, assignee, source, estimated value and site address are optional. Returns the new lead with its ID.',
	fields: [
		requiredBodyProperty(leadName),
		requiredBodyProperty(leadStage),
		additionalFields(leadFields),
	],
});
