import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { contact, contactFilters } from './fields';

/** GET /contacts/summary → counts by type. */
export const getSummaryOperation = readCollection(
	contact,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a contact summary',
		description:
			'Count contacts per type (customers, vendors, …), optionally only those created in a date range. Returns one item.',
	},
	'summary',
);

const summaryFilters = contactFilters.filter(
	(filter) => filter.name === 'dateFrom' || filter.name === 'dateTo',
);

export const getSummaryFields = forOperations(
	contact,
	['getSummary'],
	[filtersProperty(summaryFilters)],
);
