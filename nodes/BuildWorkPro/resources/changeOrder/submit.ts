import { recordAction } from '../../description/operations';
import { changeOrder } from './fields';

/** POST /change-orders/{id}/submit: draft → submitted. */
export const submitOperation = recordAction(
	changeOrder,
	{
		value: 'submit',
		name: 'Submit',
		action: 'Submit a change order',
		description:
			'Submit the draft change order with this change order ID for approval; only drafts can be submitted. Returns the change order, now submitted.',
	},
	'submit',
);
