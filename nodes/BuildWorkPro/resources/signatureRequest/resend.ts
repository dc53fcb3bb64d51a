import { recordAction } from '../../description/operations';
import { signatureRequest } from './fields';

/** POST /signature-requests/{id}/resend → {emailSent}; 409 unless pending or sent. */
export const resendOperation = recordAction(
	signatureRequest,
	{
		value: 'resend',
		name: 'Resend',
		action: 'Resend a signature request',
		description:
			'Email the signer the same signing link again for the signature request with this ID; no new document is made. Refused unless the request is pending or sent. Returns emailSent, whether an email went out.',
	},
	'resend',
);
