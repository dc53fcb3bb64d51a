import type { ResourceSpec } from '../../description/operations';

export const user: ResourceSpec = {
	value: 'user',
	noun: 'user',
	path: '/users',
	idParameter: 'userId',
	idLabel: 'User ID',
};
