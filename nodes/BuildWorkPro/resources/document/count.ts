import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { document, documentFilters } from './fields';

/** GET /documents/count → { total }. */
export const countOperation = readCollection(
	document,
	{
		value: 'count',
		name: 'Count',
		action: 'Count documents',
		description:
			'Count the documents that match the filters (same filters as Get Many). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(document, ['count'], [filtersProperty(documentFilters)]);
