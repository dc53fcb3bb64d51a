import { updateFields as updateFieldsProperty } from '../../description/fields';
import { updateRecord } from '../../description/operations';
import { document, documentFields } from './fields';

/** PATCH /documents/{id} {category, description}. */
export const updateOperation = updateRecord(document, {
	value: 'update',
	name: 'Update',
	action: 'Update a document',
	description:
		'Change the category or description of the document with this document ID; the file itself cannot be changed and fields left out stay as they are. Returns the updated document.',
	fields: [updateFieldsProperty(documentFields)],
});
