import { requiredBodyProperty } from '../../description/fields';
import { recordAction } from '../../description/operations';
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
		fields: [requiredBodyProperty(rejectionReason)],
	},
	'reject',
);
