import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { project, projectFilters } from './fields';

/** GET /projects/count → { total }. */
export const countOperation = readCollection(
	project,
	{
		value: 'count',
		name: 'Count',
		action: 'Count projects',
		description:
			'Count the projects that match the filters (same filters as Get Many). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(project, ['count'], [filtersProperty(projectFilters)]);
