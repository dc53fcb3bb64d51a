import { forOperations, idsProperty } from '../../shared/fields';
import { getRecordsByIds } from '../../shared/operations';
import { contact } from './fields';

/** POST /contacts/get-many {ids} → the contacts found, one item each. */
export const getByIdsOperation = getRecordsByIds(contact, {
	value: 'getByIds',
	name: 'Get by IDs',
	action: 'Get contacts by IDs',
	description:
		'Retrieve up to 50 contacts at once by their IDs (comma-separated). Returns one item per contact found; unknown IDs are skipped.',
});

export const getByIdsFields = forOperations(contact, ['getByIds'], [idsProperty(contact)]);
