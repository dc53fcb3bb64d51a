import { additionalFields } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { approvedBy, changeOrder } from './fields';

/** POST /change-orders/{id}/approve {approvedBy?}: submitted → approved. */
export const approveOperation = recordAction(
	changeOrder,
	{
		value: 'approve',
		name: 'Approve',
		action: 'Approve a change order',
		description:
			'Approve the submitted change order with this change order ID; Approved By (who approved) is optional. Refused unless it is submitted. Returns the change order, now approved.',
		fields: [additionalFields([approvedBy])],
	},
	'approve',
);
