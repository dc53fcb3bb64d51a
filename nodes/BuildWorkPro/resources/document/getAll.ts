import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { document, documentFilters } from './fields';

/** GET /documents, page after page (cursor). */
export const getAllOperation = listRecords(document, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many documents',
	description:
		'List documents, optionally only those attached to one record (entity type and ID), in a category, matching a search text or created in a date range (ISO 8601). Returns one item per document, up to Limit unless Return All is on.',
	fields: listProperties(documentFilters),
});
