import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { project, projectSummaryFilters } from './fields';

/** GET /projects/summary → totals and breakdowns by status and type. */
export const getSummaryOperation = readCollection(
	project,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a project summary',
		description:
			'Summarise projects, optionally filtered by assignee, contact ID or creation date: number of projects, contract value, approved change orders and overdue projects, in total and per status and type. Returns one item; amounts are decimal strings.',
		fields: [filtersProperty(projectSummaryFilters)],
	},
	'summary',
);
