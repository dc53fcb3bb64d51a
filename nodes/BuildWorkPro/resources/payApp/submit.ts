import { recordAction } from '../../description/operations';
import { payApp } from './fields';

/** POST /pay-apps/{id}/submit: draft|rejected → submitted. */
export const submitOperation = recordAction(
	payApp,
	{
		value: 'submit',
		name: 'Submit',
		action: 'Submit a pay application',
		description:
			'Submit the draft (or rejected and revised) pay application with this pay app ID for approval. Refused in any other status. Returns the pay application, now submitted.',
	},
	'submit',
);
