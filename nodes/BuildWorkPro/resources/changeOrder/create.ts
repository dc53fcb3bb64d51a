import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { createRecord } from '../../description/operations';
import {
	changeOrder,
	changeOrderFields,
	changeOrderProject,
	changeOrderReason,
	changeOrderTitle,
} from './fields';

/** POST /change-orders → 201 with the new draft change order. */
export const createOperation = createRecord(changeOrder, {
	value: 'create',
	name: 'Create',
	action: 'Create a change order',
	description:
		'Create a draft change order on a project. Needs the project ID, a title and a reason; number, description and rounding are optional. Returns the new change order with its ID.',
	fields: [
		requiredBodyProperty(changeOrderProject),
		requiredBodyProperty(changeOrderTitle),
		requiredBodyProperty(changeOrderReason),
		additionalFields(changeOrderFields),
	],
});
