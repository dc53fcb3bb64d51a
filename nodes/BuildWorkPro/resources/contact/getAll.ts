import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { contact, contactFilters } from './fields';

/** GET /contacts, page after page (cursor), one output item per contact. */
export const getAllOperation = listRecords(contact, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description:
		'List contacts, optionally filtered by type, a search text (names, company, email) or creation date (ISO 8601). Returns one item per contact, up to Limit unless Return All is on.',
	fields: listProperties(contactFilters),
});
