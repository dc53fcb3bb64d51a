import { defineResource } from '../../description/defineResource';
import { getOperation } from './get';
import { usage } from './fields';

/** The Usage resource: live rate-limit consumption, for dashboards or to slow down before a 429. */
export const usageResource = defineResource({
	resource: usage,
	name: 'Usage',
	operations: [getOperation],
	defaultOperation: 'get',
});
