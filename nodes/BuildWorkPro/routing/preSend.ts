import { isResourceLocatorValue } from 'n8n-workflow';
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { errorBeforeSending, fieldLabel } from '../../shared/errors';
import { isPlainObject } from '../../shared/objects';
import type { PreSend } from './hooks';

/**
 * Checks run by n8n before the request is built into a call: input we can tell is wrong never
 * reaches BuildWorkPro, and the error names the field to fix and says that nothing was sent
 * (`errorBeforeSending`: n8n would otherwise show it as an error from BuildWorkPro).
 */

/** The id parameter must be a positive whole number (BuildWorkPro ids are integers). */
export function requirePositiveId(parameter: string, label: string) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// A picked record (version 2's locator) or a typed ID: the ID either way.
		const raw = this.getNodeParameter(parameter, '', { extractValue: true }) as unknown;
		const value = String(raw ?? '').trim();
		if (!/^[1-9]\d*$/.test(value)) {
			throw errorBeforeSending(
				this.getNode(),
				`${label} must be a positive whole number, but it is "${value}"`,
				{
					itemIndex: this.getItemIndex(),
					description: `BuildWorkPro IDs are whole numbers such as 1042. Check the ${label} field.`,
				},
			);
		}
		return requestOptions;
	};
}

/**
 * Every record picked with a locator (version 2), at the top level or inside a collection, must be
 * a record ID: a positive whole number. An empty optional one means none and is left to its
 * routing; an empty required one is refused, as is anything typed By ID that is no ID.
 */
export async function checkRecordLocators(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const resource = String(this.getNodeParameter('resource', ''));
	const check = (path: string, name: string, required: boolean) => {
		const value = String(this.getNodeParameter(path, '', { extractValue: true }) ?? '').trim();
		// An optional link left empty (or 0, as in version 1) means none.
		if ((value === '' || value === '0') && !required) return;
		// Job IDs are BuildWorkPro's only IDs that are no numbers.
		if (name === 'jobId' ? value !== '' : /^[1-9]\d*$/.test(value)) return;
		const label = fieldLabel(name, resource);
		throw errorBeforeSending(
			this.getNode(),
			value === ''
				? `${label} is empty: pick a record from the list or enter its ID`
				: `${label} must be a positive whole number, but it is "${value}"`,
			{
				itemIndex: this.getItemIndex(),
				description: `BuildWorkPro IDs are whole numbers such as 1042. Check the ${label} field.`,
			},
		);
	};
	for (const [name, value] of Object.entries(this.getNode().parameters)) {
		if (isResourceLocatorValue(value)) check(name, name, true);
		else if (isPlainObject(value)) {
			for (const [field, fieldValue] of Object.entries(value)) {
				if (isResourceLocatorValue(fieldValue)) check(`${name}.${field}`, field, false);
			}
		}
	}
	return requestOptions;
}

export async function requireUpdateFields(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body;
	const isEmpty =
		body === undefined ||
		body === null ||
		(typeof body === 'object' && Object.keys(body).length === 0);
	if (isEmpty) {
		throw errorBeforeSending(this.getNode(), 'Update Fields is empty: there is nothing to update', {
			itemIndex: this.getItemIndex(),
			description: 'Add at least one field under Update Fields.',
		});
	}
	return requestOptions;
}

/**
 * List filters as BuildWorkPro expects them: empty filters are left out, and dates become full
 * ISO 8601 timestamps. n8n's date picker yields "2026-01-31T00:00:00" without a zone;
 * BuildWorkPro works in UTC, so a value without an offset is read as UTC.
 */
/** Query parameters that hold a point in time, with the label the user knows them by. */
const DATE_FILTERS: Record<string, string> = {
	dateFrom: 'Created After',
	dateTo: 'Created Before',
	updatedFrom: 'Updated After',
	dueAfter: 'Due After',
	dueBefore: 'Due Before',
};

export async function normalizeListFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = requestOptions.qs ?? {};
	for (const [field, raw] of Object.entries(qs)) {
		if (raw === undefined || raw === null || String(raw).trim() === '') {
			delete qs[field];
			continue;
		}
		const label = DATE_FILTERS[field];
		if (!label) continue;
		const text = String(raw).trim();
		const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
		const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
		const parsed = Date.parse(isDateOnly ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`);
		if (Number.isNaN(parsed)) {
			throw errorBeforeSending(this.getNode(), `${label} is not a valid date: "${text}"`, {
				itemIndex: this.getItemIndex(),
				description: 'Use a date such as 2026-01-31 or a timestamp such as 2026-01-31T08:00:00Z.',
			});
		}
		qs[field] = new Date(parsed).toISOString();
	}
	requestOptions.qs = qs;
	return requestOptions;
}

/**
 * A list of IDs as users give it: "12, 15, 19" (commas, semicolons or spaces) or an array from an
 * expression. `parts` in the given order; `invalid`, those that are no positive whole number.
 */
export function splitIdList(raw: unknown): { parts: string[]; invalid: string[] } {
	const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/))
		.map((part) => String(part).trim())
		.filter((part) => part !== '');
	return { parts, invalid: parts.filter((part) => !/^[1-9]\d*$/.test(part)) };
}

/** The most IDs one `POST /<family>/get-many` takes. */
export const MAX_IDS_PER_LOOKUP = 50;

interface IdListRules {
	/** The most IDs one request takes. */
	max: number;
	/** What the IDs name, for the texts: 'product'. */
	noun?: string;
	/** What to do with a list that is too long. */
	tooManyHint: string;
	/** What the request does, for an empty list: 'look up', 'change'. */
	verb: string;
}

/**
 * `ids` of a request that takes a list of records (get-many lookups, bulk actions): a list
 * ("12, 15, 19") or an array from an expression, sent once each as the integers BuildWorkPro expects.
 */
export function sendIdList(rules: IdListRules): PreSend {
	const ids = rules.noun ? `${rules.noun} IDs` : 'IDs';
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { parts, invalid } = splitIdList(this.getNodeParameter('ids', '') as unknown);
		const fail = (message: string, description: string) =>
			errorBeforeSending(this.getNode(), message, { itemIndex: this.getItemIndex(), description });
		if (invalid.length > 0) {
			throw fail(
				`IDs must be positive whole numbers, but the list has "${invalid.slice(0, 3).join('", "')}"`,
				`Give ${ids} such as 12, 15, 19 (separated by commas).`,
			);
		}
		const unique = [...new Set(parts.map(Number))];
		if (unique.length === 0)
			throw fail(
				`IDs is empty: there is nothing to ${rules.verb}`,
				`Give at least one ${rules.noun ? `${rules.noun} ID` : 'ID'}, such as 12, 15, 19.`,
			);
		if (unique.length > rules.max) {
			throw fail(
				`IDs has ${unique.length} IDs; BuildWorkPro takes at most ${rules.max} at once`,
				rules.tooManyHint,
			);
		}
		requestOptions.body = { ...((requestOptions.body as object | undefined) ?? {}), ids: unique };
		return requestOptions;
	};
}

/** `ids` for the get-many lookups (at most 50). */
export const requireIdList = sendIdList({
	max: MAX_IDS_PER_LOOKUP,
	verb: 'look up',
	tooManyHint: 'Split the list, or use Get Many with filters.',
});

/**
 * Reorder's `orderedIds`: a list ("12, 15, 19") or an array from an expression, sent in the given
 * order as integers. Order is the point, so nothing is sorted or merged: a repeated ID is refused.
 * `label` is the field's ('Ordered Line Item IDs'), `what` the items and their owner ('line item
 * ID of the invoice').
 */
export function sendOrderedIds(label: string, what: string): PreSend {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { parts, invalid } = splitIdList(this.getNodeParameter('orderedIds', '') as unknown);
		const fail = (message: string) =>
			errorBeforeSending(this.getNode(), message, {
				itemIndex: this.getItemIndex(),
				description: `List every ${what} once, in the new order, such as 31, 29, 30.`,
			});
		if (invalid.length)
			throw fail(
				`${label} must be positive whole numbers, but the list has "${invalid.slice(0, 3).join('", "')}"`,
			);
		if (!parts.length) throw fail(`${label} is empty: there is nothing to reorder`);
		const ids = parts.map(Number);
		const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
		if (repeated !== undefined) throw fail(`${label} lists ${repeated} twice`);
		requestOptions.body = { orderedIds: ids };
		return requestOptions;
	};
}
