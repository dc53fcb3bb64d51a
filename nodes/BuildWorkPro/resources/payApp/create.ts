import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import { payApp, payAppFields, payAppProject } from './fields';

/** POST /pay-apps → 201 with the new draft pay application. */
export const createOperation = createRecord(payApp, {
	value: 'create',
	name: 'Create',
	action: 'Create a pay application',
	description:
		'Create a draft pay application (progress billing) for a project. Needs the project ID; number, billing period, contract sum, change orders total, retainage (decimal strings) and notes are optional. Returns the new pay application with its ID and computed totals.',
	fields: [requiredBodyProperty(payAppProject), additionalFields(payAppFields)],
});
