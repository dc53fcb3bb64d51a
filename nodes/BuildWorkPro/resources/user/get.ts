import { getRecord } from '../../description/operations';
import { user } from './fields';

/** GET /users/{id}. */
export const getOperation = getRecord(user, {
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description:
		'Retrieve one member of the BuildWorkPro account by user ID. Returns name, email, username, role and whether the user is active.',
});
