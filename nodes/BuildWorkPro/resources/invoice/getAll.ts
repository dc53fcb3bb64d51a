import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchAllNumberedPages } from '../../routing/pagination';
import { invoice, invoiceFilters } from './fields';

/** GET /invoices, paged by page/pageSize (the one v1 list that is not paged by cursor). */
export const getAllOperation = listRecords(
	invoice,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many invoices',
		description:
			'List invoices, optionally filtered by statuses (comma-separated), project ID, contact ID, due date range (ISO 8601) or a search text. Returns one item per invoice, each once, up to Limit unless Return All is on.',
		fields: listProperties(invoiceFilters),
	},
	fetchAllNumberedPages,
);
