import { forOperations, updateFields as updateFieldsProperty } from '../../shared/fields';
import { updateRecord } from '../../shared/operations';
import { document, documentFields } from './fields';

/** PATCH /documents/{id} {category, description}. */
export const updateOperation = updateRecord(document, {
	value: 'update',
	name: 'Update',
	action: 'Update a document',
	description:
		'Change the category or description of the document with this document ID; the file itself cannot be changed and fields left out stay as they are. Returns the updated document.',
});

export const updateFields = forOperations(
	document,
	['update'],
	[updateFieldsProperty(documentFields)],
);
