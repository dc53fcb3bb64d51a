import { filtersProperty, forOperations } from '../../shared/fields';
import { readCollection } from '../../shared/operations';
import { contact, contactFilters } from './fields';

/** GET /contacts/count → { total }. */
export const countOperation = readCollection(
	contact,
	{
		value: 'count',
		name: 'Count',
		action: 'Count contacts',
		description:
			'Count the contacts that match the filters (type, search text, creation dates). Returns one item with the total.',
	},
	'count',
);

export const countFields = forOperations(contact, ['count'], [filtersProperty(contactFilters)]);
