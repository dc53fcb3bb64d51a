import { requiredBodyProperty } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { payApp, rejectionReason } from './fields';

/** POST /pay-apps/{id}/reject {reason}: submitted → rejected. */
export const rejectOperation = recordAction(
	payApp,
	{
		value: 'reject',
		name: 'Reject',
		action: 'Reject a pay application',
		description:
			'Reject the submitted pay application with this pay app ID. Needs a reason. Refused unless it is submitted. Returns the pay application, now rejected, with the reason recorded.',
		fields: [requiredBodyProperty(rejectionReason)],
	},
	'reject',
);
