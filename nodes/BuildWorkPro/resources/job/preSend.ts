import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending } from '../../../shared/errors';

/** A job ID is text (it need not be a number) but never empty. */
export async function requireJobId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = String(this.getNodeParameter('jobId', '', { extractValue: true }) ?? '').trim();
	if (value === '') {
		throw errorBeforeSending(this.getNode(), 'Job ID is empty', {
			itemIndex: this.getItemIndex(),
			description:
				'Give the ID of a BuildWorkPro job, as output by an operation run without Wait for Completion or by Jobs → Get Many.',
		});
	}
	return requestOptions;
}
