import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending, nodeSideError } from '../../shared/errors';
import { splitIdList } from '../../shared/preSend';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport';

/**
 * BuildWorkPro's schema for adding a kit item requires the tenant's ID in the body. Users do not
 * type it: it is read from the credential's binding (GET /me, which needs no scope) through the
 * transport, then added to the body.
 */
export async function addTenantId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const answer = await requestBuildWorkPro(this, { method: 'GET', url: '/me', note: 'While reading the tenant ID a new kit item needs (GET /me).' });
	const tenantId = (unwrapEnvelope(answer.body) as IDataObject | undefined)?.tenantId;
	if (typeof tenantId !== 'number' || !Number.isInteger(tenantId)) {
		throw nodeSideError(this.getNode(), 'BuildWorkPro did not tell the tenant ID of this credential', {
			itemIndex: this.getItemIndex(),
			description: 'GET /me answered without a numeric tenantId, which adding a kit item needs. Check the credential.',
		});
	}
	requestOptions.body = { tenantId, ...((requestOptions.body as IDataObject | undefined) ?? {}) };
	return requestOptions;
}

/**
 * Reorder's `orderedIds`: a list ("12, 15, 19") or an array from an expression, sent in the
 * given order as integers. Order is the point, so nothing is sorted or merged: a repeated ID is
 * refused here instead.
 */
export async function requireOrderedKitItemIds(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { parts, invalid } = splitIdList(this.getNodeParameter('orderedIds', '') as unknown);
	const fail = (message: string) =>
		errorBeforeSending(this.getNode(), message, {
			itemIndex: this.getItemIndex(),
			description: 'List every kit item ID of the product once, in the new order, such as 31, 29, 30.',
		});
	if (invalid.length) throw fail(`Ordered Kit Item IDs must be positive whole numbers, but the list has "${invalid.slice(0, 3).join('", "')}"`);
	if (!parts.length) throw fail('Ordered Kit Item IDs is empty: there is nothing to reorder');
	const ids = parts.map(Number);
	const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
	if (repeated !== undefined) throw fail(`Ordered Kit Item IDs lists ${repeated} twice`);
	requestOptions.body = { orderedIds: ids };
	return requestOptions;
}
