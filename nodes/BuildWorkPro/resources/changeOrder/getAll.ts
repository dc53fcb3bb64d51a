import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { changeOrder, changeOrderFilters } from './fields';

/** GET /change-orders, page after page (cursor). */
export const getAllOperation = listRecords(changeOrder, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many change orders',
	description:
		'List change orders, optionally filtered by status, project ID, a search text or creation date (ISO 8601). Returns one item per change order, up to Limit unless Return All is on.',
	fields: listProperties(changeOrderFilters),
});
