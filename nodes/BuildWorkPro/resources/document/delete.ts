import { deleteRecord } from '../../description/operations';
import { document } from './fields';

/** DELETE /documents/{id}. */
export const deleteOperation = deleteRecord(document, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a document',
	description:
		'Destructive: delete the document with this document ID, its file included. Returns its ID with deleted set to true.',
});
