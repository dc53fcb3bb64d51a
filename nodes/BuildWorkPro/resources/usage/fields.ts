import type { ResourceSpec } from '../../description/resource';

/** The account's current rate-limit consumption (/usage): one view, no records, no ID. */
export const usage: ResourceSpec = {
	value: 'usage',
	noun: 'usage',
	path: '/usage',
	idParameter: '',
	idLabel: '',
};
