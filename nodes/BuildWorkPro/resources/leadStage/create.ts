import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { leadStage, stageFields, stageName } from './fields';

/** POST /lead-stages. */
export const createOperation = createRecord(leadStage, {
	value: 'create',
	name: 'Create',
	action: 'Create a lead stage',
	description:
		'Add a stage to the lead pipeline. Needs a name; colour, order and the won/lost/default flags are optional. Returns the new stage with its ID.',
	fields: [requiredBodyProperty(stageName), additionalFields(stageFields)],
});
