import { getRecord } from '../../description/operations';
import { lead } from './fields';

/** GET /leads/{id}. */
export const getOperation = getRecord(lead, {
	value: 'get',
	name: 'Get',
	action: 'Get a lead',
	description:
		'Retrieve one lead by its numeric lead ID. Returns the lead with its stage, contact, assignee and estimated value.',
});
