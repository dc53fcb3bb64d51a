import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { user } from './fields';

/** GET /users, page after page (cursor). */
export const getAllOperation = listRecords(user, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many users',
	description:
		'List the members of the BuildWorkPro account (for assigning leads, projects and bids). Returns one item per user.',
	fields: listProperties([]),
});
