import { defineResource } from '../../description/defineResource';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { resendOperation } from './resend';
import { voidOperation } from './void';
import { signatureRequest } from './fields';

/**
 * The Signature Request resource: its operations. The API
 * creates requests when a bid or change order is sent for signature; it has no create of its own.
 */
export const signatureRequestResource = defineResource({
	resource: signatureRequest,
	name: 'Signature Request',
	operations: [getOperation, getAllOperation, resendOperation, voidOperation],
});
