import type { ResourceSpec } from '../../description/resource';

/**
 * The account's settings (/settings/…): read-only views of the tenant's configuration. There is
 * one of each per account, so no operation takes an ID.
 */
export const settings: ResourceSpec = {
	value: 'settings',
	noun: 'settings',
	path: '/settings',
	idParameter: '',
	idLabel: '',
};
