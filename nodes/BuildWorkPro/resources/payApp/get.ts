import { getRecord } from '../../description/operations';
import { payApp } from './fields';

/** GET /pay-apps/{id}. */
export const getOperation = getRecord(payApp, {
	value: 'get',
	name: 'Get',
	action: 'Get a pay application',
	description:
		'Retrieve one pay application by its numeric pay app ID. Returns the pay application with its project ID, status, billing period and G702 totals (decimal strings).',
});
