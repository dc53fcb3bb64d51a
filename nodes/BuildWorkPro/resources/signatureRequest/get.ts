import { getRecord } from '../../description/operations';
import { signatureRequest } from './fields';

/** GET /signature-requests/{id}. */
export const getOperation = getRecord(signatureRequest, {
	value: 'get',
	name: 'Get',
	action: 'Get a signature request',
	description:
		'Retrieve one e-signature request by its signature request ID. Returns the bid or change order it is for, its status, the signer, when it was sent and signed, and, while it is pending or sent and the credential may send signatures, the signing URL.',
});
