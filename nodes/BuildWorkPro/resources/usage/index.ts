import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, optionsProperties } from '../../shared/fields';
import { usage } from './fields';
import { getOperation } from './get';

/** The Usage resource: live rate-limit consumption, for dashboards or to slow down before a 429. */
export const usageDescription: INodeProperties[] = [
	operationSelector(usage, [getOperation], 'get'),
	...optionsProperties(usage, [], ['get']),
];
