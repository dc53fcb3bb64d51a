import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { payApp, payAppFields, payAppProject } from './fields';

/** PATCH /pay-apps/{id}: drafts (and rejected ones being revised) only; 409 otherwise. */
export const updateOperation = updateRecord(payApp, {
	value: 'update',
	name: 'Update',
	action: 'Update a pay application',
	description:
		'Change some fields of the draft (or rejected) pay application with this pay app ID; fields left out stay as they are. Refused once it is submitted. Returns the updated pay application with its totals recomputed.',
	fields: [updateFieldsProperty([payAppProject, ...payAppFields])],
});
