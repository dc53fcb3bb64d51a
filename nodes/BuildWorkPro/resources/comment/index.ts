import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import { comment } from './fields';

/** The Comment resource (threads on records): its operations. */
export const commentResource = defineResource({
	resource: comment,
	name: 'Comment',
	operations: [createOperation, deleteOperation, getAllOperation, updateOperation],
});
