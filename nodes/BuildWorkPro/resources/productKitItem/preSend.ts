import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { nodeSideError } from '../../../shared/errors';
import { sendOrderedIds } from '../../routing/preSend';
import { requestBuildWorkPro, unwrapEnvelope } from '../../../shared/transport/request';

/**
 * BuildWorkPro's schema for adding a kit item requires the tenant's ID in the body. Users do not
 * type it: it is read from the credential's binding (GET /me, which needs no scope) through the
 * transport, then added to the body.
 */
export async function addTenantId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const answer = await requestBuildWorkPro(this, {
		method: 'GET',
		url: '/me',
		note: 'While reading the tenant ID a new kit item needs (GET /me).',
	});
	const tenantId = (unwrapEnvelope(answer.body) as IDataObject | undefined)?.tenantId;
	if (typeof tenantId !== 'number' || !Number.isInteger(tenantId)) {
		throw nodeSideError(
			this.getNode(),
			'BuildWorkPro did not tell the tenant ID of this credential',
			{
				itemIndex: this.getItemIndex(),
				description:
					'GET /me answered without a numeric tenantId, which adding a kit item needs. Check the credential.',
			},
		);
	}
	requestOptions.body = { tenantId, ...((requestOptions.body as IDataObject | undefined) ?? {}) };
	return requestOptions;
}

/** Reorder's `orderedIds`: every kit item of the product once, in the new order. */
export const requireOrderedKitItemIds = sendOrderedIds(
	'Ordered Kit Item IDs',
	'kit item ID of the product',
);
