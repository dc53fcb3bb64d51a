import { forOperations, idsProperty } from '../../shared/fields';
import { getRecordsByIds } from '../../shared/operations';
import { payApp } from './fields';

/** POST /pay-apps/get-many with up to 50 IDs. */
export const getByIdsOperation = getRecordsByIds(payApp, {
	value: 'getByIds',
	name: 'Get by IDs',
	action: 'Get pay applications by IDs',
	description:
		'Retrieve up to 50 pay applications in one request from a list of pay app IDs (comma-separated). Returns one item per pay application found; IDs that do not exist are left out.',
});

export const getByIdsFields = forOperations(payApp, ['getByIds'], [idsProperty(payApp)]);
