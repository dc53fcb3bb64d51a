import { getRecord } from '../../description/operations';
import { document } from './fields';

/** GET /documents/{id}: the metadata, not the file (Download has the bytes). */
export const getOperation = getRecord(document, {
	value: 'get',
	name: 'Get',
	action: 'Get a document',
	description:
		"Retrieve one document's details by its numeric document ID (use Download for the file itself). Returns the document with its file name, MIME type, size, category and the record it is attached to.",
});
