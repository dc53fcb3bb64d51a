import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending } from '../../shared/errors';
import { splitIdList } from '../../shared/preSend';
import { MAX_IDS_PER_BULK_CALL } from './fields';

/**
 * `ids` of Bulk Delete and Bulk Restore: a list ("12, 15, 19") or an array from an expression,
 * sent once each as the integers BuildWorkPro expects, at most 500 of them.
 */
export async function requireBulkIdList(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { parts, invalid } = splitIdList(this.getNodeParameter('ids', '') as unknown);
	const fail = (message: string, description: string) =>
		errorBeforeSending(this.getNode(), message, { itemIndex: this.getItemIndex(), description });
	if (invalid.length > 0) {
		throw fail(`IDs must be positive whole numbers, but the list has "${invalid.slice(0, 3).join('", "')}"`, 'Give product IDs such as 12, 15, 19 (separated by commas).');
	}
	const ids = [...new Set(parts.map(Number))];
	if (ids.length === 0) throw fail('IDs is empty: there are no products to change', 'Give at least one product ID, such as 12, 15, 19.');
	if (ids.length > MAX_IDS_PER_BULK_CALL) {
		throw fail(`IDs has ${ids.length} IDs; BuildWorkPro takes at most ${MAX_IDS_PER_BULK_CALL} at once`, 'Split the list over several items or runs.');
	}
	requestOptions.body = { ids };
	return requestOptions;
}
