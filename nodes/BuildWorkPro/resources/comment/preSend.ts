import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending } from '../../../shared/errors';

/** Entity Type must name a record type: an empty one would ask for a thread of nothing. */
export async function requireEntityType(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = String((this.getNodeParameter('entityType', '') as unknown) ?? '').trim();
	if (value === '') {
		throw errorBeforeSending(this.getNode(), 'Entity Type is empty', {
			itemIndex: this.getItemIndex(),
			description:
				'Give the type of the record the comments belong to, such as project, bid or change_order.',
		});
	}
	const body = requestOptions.body as Record<string, unknown> | undefined;
	if (body && typeof body === 'object' && 'entityType' in body) body.entityType = value;
	return requestOptions;
}
