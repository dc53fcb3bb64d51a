import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { payApp, payAppFilters } from './fields';

/** GET /pay-apps/count → { total }. */
export const countOperation = readCollection(
	payApp,
	{
		value: 'count',
		name: 'Count',
		action: 'Count pay applications',
		description:
			'Count the pay applications that match the filters (same filters as Get Many). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(payApp, ['count'], [filtersProperty(payAppFilters)]);
