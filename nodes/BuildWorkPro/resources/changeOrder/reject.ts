import { forOperations, requiredBodyProperty } from '../../shared/fields';
import { recordAction } from '../../shared/operations';
import { changeOrder, rejectionReason } from './fields';

/** POST /change-orders/{id}/reject {reason}: submitted → rejected. */
export const rejectOperation = recordAction(
	changeOrder,
	{
		value: 'reject',
		name: 'Reject',
		action: 'Reject a change order',
		description:
			'Reject the submitted change order with this change order ID. Needs a reason. Refused unless it is submitted. Returns the change order, now rejected, with the reason recorded.',
	},
	'reject',
);

export const rejectFields = forOperations(
	changeOrder,
	['reject'],
	[requiredBodyProperty(rejectionReason)],
);
