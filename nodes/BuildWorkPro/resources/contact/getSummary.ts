import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { contact, contactFilters } from './fields';

const summaryFilters = contactFilters.filter(
	(filter) => filter.name === 'dateFrom' || filter.name === 'dateTo',
);

/** GET /contacts/summary → counts by type. */
export const getSummaryOperation = readCollection(
	contact,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a contact summary',
		description:
			'Count contacts per type (customers, vendors, …), optionally only those created in a date range. Returns one item.',
		fields: [filtersProperty(summaryFilters)],
	},
	'summary',
);
