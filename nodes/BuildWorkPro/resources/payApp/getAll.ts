import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { payApp, payAppFilters } from './fields';

/** GET /pay-apps, page after page (cursor). */
export const getAllOperation = listRecords(payApp, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many pay applications',
	description:
		'List pay applications, optionally filtered by status, project ID, a search text or creation date (ISO 8601). Returns one item per pay application, up to Limit unless Return All is on.',
	fields: listProperties(payAppFilters),
});
