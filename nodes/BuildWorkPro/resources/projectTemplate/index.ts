import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import { projectTemplate } from './fields';

/** The Project Template resource: its operations. */
export const projectTemplateResource = defineResource({
	resource: projectTemplate,
	name: 'Project Template',
	operations: [createOperation, deleteOperation, getOperation, getAllOperation, updateOperation],
});
