import { forOperations, listProperties } from '../../shared/fields';
import { listRecords } from '../../shared/operations';
import { payApp, payAppFilters } from './fields';

/** GET /pay-apps, page after page (cursor). */
export const getAllOperation = listRecords(payApp, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many pay applications',
	description:
		'List pay applications, optionally filtered by status, project ID, a search text or creation date (ISO 8601). Returns one item per pay application, up to Limit unless Return All is on.',
});

export const getAllFields = forOperations(payApp, ['getAll'], listProperties(payAppFilters));
