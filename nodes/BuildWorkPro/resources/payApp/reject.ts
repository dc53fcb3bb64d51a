import { forOperations, requiredBodyProperty } from '../../shared/fields';
import { recordAction } from '../../shared/operations';
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
	},
	'reject',
);

export const rejectFields = forOperations(
	payApp,
	['reject'],
	[requiredBodyProperty(rejectionReason)],
);
