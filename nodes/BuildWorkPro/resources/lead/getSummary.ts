import { filtersProperty } from '../../description/fields';
import { readCollection } from '../../description/operations';
import { lead, leadSummaryFilters } from './fields';

/** GET /leads/summary → totals and per-stage counts. */
export const getSummaryOperation = readCollection(
	lead,
	{
		value: 'getSummary',
		name: 'Get Summary',
		action: 'Get a lead summary',
		description:
			'Summarise the pipeline: number of leads and their estimated value in total and per stage, optionally filtered. Returns one item.',
		fields: [filtersProperty(leadSummaryFilters)],
	},
	'summary',
);
