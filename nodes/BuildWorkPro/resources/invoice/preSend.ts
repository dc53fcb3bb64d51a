import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending } from '../../../shared/errors';

/**
 * `POST /invoices` takes `{ invoice: {...}, lines: [...] }`. The invoice's fields send themselves
 * to the top of the body like any create; this moves them under `invoice` and adds the Lines
 * (left-out columns are not sent: 0 and "" mean "not set" there).
 */
export async function nestInvoiceAndLines(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const rows = (this.getNodeParameter('lines.line', []) as IDataObject[]) ?? [];
	const lines = rows.map((row, index) => {
		const line: IDataObject = {};
		for (const [field, value] of Object.entries(row)) {
			if (value === '' || value === null || value === undefined) continue;
			if ((field === 'productId' || field === 'position') && Number(value) === 0) continue;
			line[field] =
				field === 'quantity' || field === 'unitPrice' || field === 'description'
					? String(value).trim()
					: value;
		}
		if (!line.description) {
			throw errorBeforeSending(this.getNode(), `Line ${index + 1} has no description`, {
				itemIndex: this.getItemIndex(),
				description: 'Every line under Lines needs a Description; remove the line or describe it.',
			});
		}
		return line;
	});
	const invoice = (requestOptions.body as IDataObject | undefined) ?? {};
	requestOptions.body = lines.length ? { invoice, lines } : { invoice };
	return requestOptions;
}
