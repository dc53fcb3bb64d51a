import type { INodeProperties } from 'n8n-workflow';

import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../shared/fields';
import { signatureRequest } from './fields';
import { getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { resendOperation } from './resend';
import { voidOperation } from './void';

/**
 * The Signature Request resource: its operation selector and every operation's fields. The API
 * creates requests when a bid or change order is sent for signature; it has no create of its own.
 */
export const signatureRequestDescription: INodeProperties[] = [
	operationSelector(signatureRequest, [
		getOperation,
		getAllOperation,
		resendOperation,
		voidOperation,
	]),
	...forOperations(
		signatureRequest,
		['get', 'resend', 'void'],
		[recordIdProperty(signatureRequest)],
	),
	...getAllFields,
	...optionsProperties(signatureRequest, ['resend', 'void'], ['get', 'getAll']),
];
