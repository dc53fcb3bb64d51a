import type { ResourceSpec } from '../../description/resource';

export const user: ResourceSpec = {
	value: 'user',
	noun: 'user',
	path: '/users',
	idParameter: 'userId',
	idLabel: 'User ID',
};
