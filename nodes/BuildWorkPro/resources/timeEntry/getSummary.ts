import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { timeEntry, timeEntrySummaryFilters } from './fields';

/** GET /time-entries/summary → totals and breakdowns by user and by project. */
export const getSummaryOperation = readCollection(
	timeEntry,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a time entry summary',
		description:
			'Summarise time entries, optionally filtered by user, project ID or work date range: number of entries, total hours and total cost, overall, per user and per project. Returns one item; hours and costs are decimal strings.',
		fields: [filtersProperty(timeEntrySummaryFilters)],
	},
	'summary',
);
