import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending } from '../../shared/errors';
import { splitIdList } from '../../shared/preSend';

/**
 * Reorder's `orderedIds`: a list ("12, 15, 19") or an array from an expression, sent in the
 * given order as the integers BuildWorkPro expects. Order is the point, so nothing is sorted or
 * merged: a repeated ID is refused here instead.
 */
export async function requireOrderedIds(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { parts, invalid } = splitIdList(this.getNodeParameter('orderedIds', '') as unknown);
	const fail = (message: string) =>
		errorBeforeSending(this.getNode(), message, {
			itemIndex: this.getItemIndex(),
			description: "List every line item ID of the invoice once, in the new order, such as 31, 29, 30.",
		});
	if (invalid.length) throw fail(`Ordered Line Item IDs must be positive whole numbers, but the list has "${invalid.slice(0, 3).join('", "')}"`);
	if (!parts.length) throw fail('Ordered Line Item IDs is empty: there is nothing to reorder');
	const ids = parts.map(Number);
	const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
	if (repeated !== undefined) throw fail(`Ordered Line Item IDs lists ${repeated} twice`);
	requestOptions.body = { orderedIds: ids };
	return requestOptions;
}
