import { defineResource } from '../../description/defineResource';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { getAllOperation } from './getAll';
import { updateOperation } from './update';
import { leadStage } from './fields';

/** The Lead Stage resource: its operations. */
export const leadStageResource = defineResource({
	resource: leadStage,
	name: 'Lead Stage',
	operations: [createOperation, deleteOperation, getAllOperation, updateOperation],
});
