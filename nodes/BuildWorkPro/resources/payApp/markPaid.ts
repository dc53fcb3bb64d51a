import { recordAction } from '../../description/operations';
import { payApp } from './fields';

/** POST /pay-apps/{id}/mark-paid: approved → paid. */
export const markPaidOperation = recordAction(
	payApp,
	{
		value: 'markPaid',
		name: 'Mark Paid',
		action: 'Mark a pay application as paid',
		description:
			'Record that the approved pay application with this pay app ID has been paid. Refused unless it is approved. Returns the pay application, now paid.',
	},
	'mark-paid',
);
