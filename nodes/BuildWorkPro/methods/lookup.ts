import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { isPlainObject } from '../../shared/objects';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport/request';

/**
 * What the editor's lookups (resource locator lists, dropdowns) share: one GET through the
 * transport, the parent IDs a sub-resource's list needs, and the pieces a record's label is made of.
 */

/**
 * Someone is waiting with the list open: a single rate-limit pause or retry wait longer than this
 * fails with our error (which says when to try again) instead of leaving the list spinning.
 */
const LOOKUP_MAX_SINGLE_WAIT_MS = 15_000;

export interface LookupPage {
	records: IDataObject[];
	/** `meta.pagination` of the answer, when it has one. */
	pagination: IDataObject;
	/** The envelope's `data` as it came, for answers that are one record (an invoice and its lines). */
	data: unknown;
}

/**
 * One GET to BuildWorkPro for the editor, through the transport (credential of the node's
 * Authentication parameter, rate-limit pacing, retries, our error wording). `what` names the
 * list in error messages ("contacts").
 */
export async function fetchLookupPage(
	context: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
	what: string,
): Promise<LookupPage> {
	const answer = await requestBuildWorkPro(context, {
		method: 'GET',
		url,
		qs,
		headers: { Accept: 'application/json' },
		note: `While listing ${what} to choose from.`,
		policy: { maxSingleWaitMs: LOOKUP_MAX_SINGLE_WAIT_MS },
	});
	const data = unwrapEnvelope(answer.body);
	const meta = isPlainObject(answer.body) ? answer.body.meta : undefined;
	const pagination = isPlainObject(meta) ? meta.pagination : undefined;
	return {
		records: Array.isArray(data) ? data.filter(isPlainObject).map((r) => r as IDataObject) : [],
		pagination: isPlainObject(pagination) ? (pagination as IDataObject) : {},
		data,
	};
}

/**
 * The value of another parameter of the node as the user set it, for a sub-resource's list (the
 * bid whose line items to list). `extractValue` takes the ID out of a resource locator; a plain
 * field comes back as it is. Undefined when nothing usable is set: empty, 0, or an expression
 * (which has no value until the workflow runs).
 */
export function currentParameterValue(
	context: ILoadOptionsFunctions,
	name: string,
): string | undefined {
	let raw: unknown;
	try {
		raw = context.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		// n8n finds the parameter among those shown before extracting; one that is hidden has
		// nothing to extract from, and its raw value (if any) is read below.
		raw = context.getCurrentNodeParameter(name);
	}
	// A locator's value (in case the parameter is not declared as a locator on this node version).
	if (isPlainObject(raw) && 'value' in raw) raw = raw.value;
	if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? String(raw) : undefined;
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	return text === '' || text === '0' || text.startsWith('=') ? undefined : text;
}

/** A field of a record as text, or undefined when it is missing or empty. */
export function textOf(record: IDataObject, field: string): string | undefined {
	const value = record[field];
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** Parts of a label that are known, joined: "PRJ-0042 · Kitchen remodel". */
export function joinLabel(...parts: Array<string | undefined>): string {
	return parts.filter((part): part is string => part !== undefined && part !== '').join(' · ');
}

/** A long text cut to a label's length. */
export function shortened(text: string | undefined, max = 60): string | undefined {
	if (text === undefined) return undefined;
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * A user as people know them: first and last name, else the username. The Users dropdown has
 * always worded them so (blank parts left out, as JavaScript's `filter(Boolean)` does).
 */
export function personName(record: IDataObject): string | undefined {
	const name = [record.firstName, record.lastName].filter(Boolean).join(' ');
	const username = record.username;
	return name || (username ? String(username) : undefined);
}

/** The record's ID as the value a parameter takes (a string), or undefined when it has none. */
export function idOf(record: IDataObject): string | undefined {
	return textOf(record, 'id');
}
