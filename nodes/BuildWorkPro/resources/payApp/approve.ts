import { recordAction } from '../../description/operations';
import { payApp } from './fields';

/** POST /pay-apps/{id}/approve: submitted → approved. */
export const approveOperation = recordAction(
	payApp,
	{
		value: 'approve',
		name: 'Approve',
		action: 'Approve a pay application',
		description:
			'Approve the submitted pay application with this pay app ID. Refused unless it is submitted. Returns the pay application, now approved (ready to invoice).',
	},
	'approve',
);
