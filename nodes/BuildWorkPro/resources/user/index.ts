import { defineResource } from '../../description/defineResource';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { user } from './fields';

/** The User resource: its operations. */
export const userResource = defineResource({
	resource: user,
	name: 'User',
	operations: [getOperation, getAllOperation],
});
