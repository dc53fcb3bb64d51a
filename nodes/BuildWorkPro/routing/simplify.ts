import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	COMPACT_LISTS,
	SIMPLIFY_PARAMETER,
	SIMPLIFY_SINCE_VERSION,
	simplifiedFieldsOf,
} from './simplifiedFields';
import { isPlainObject } from '../../shared/objects';

/**
 * Simplify (node version 2): Get and Get Many of a resource with many fields output only the
 * fields description/simplifiedFields.ts chooses, and Get Many asks for compact items where the
 * list offers them. Version 1 has no such parameter and always outputs whole records.
 */

/** The operations Simplify applies to. */
const SIMPLIFIED_OPERATIONS = new Set(['get', 'getAll']);

/** The record with only `fields`, in their order; a field the record lacks is left out. */
export function simplifyRecord(record: IDataObject, fields: readonly string[]): IDataObject {
	const simplified: IDataObject = {};
	for (const field of fields) {
		if (Object.prototype.hasOwnProperty.call(record, field)) simplified[field] = record[field];
	}
	return simplified;
}

/** The fields to keep for this run of the node, or undefined when Simplify does not apply. */
function simplifiedFieldsFor(context: IExecuteSingleFunctions): readonly string[] | undefined {
	if (context.getNode().typeVersion < SIMPLIFY_SINCE_VERSION) return undefined;
	const operation = String(context.getNodeParameter('operation', ''));
	if (!SIMPLIFIED_OPERATIONS.has(operation)) return undefined;
	const fields = simplifiedFieldsOf(String(context.getNodeParameter('resource', '')));
	if (!fields) return undefined;
	// Absent (a workflow saved before the switch was shown) means the default: on.
	return context.getNodeParameter(SIMPLIFY_PARAMETER, true) === false ? undefined : fields;
}

/** The output items, simplified when Simplify is on for this operation. */
export function simplifyItems(
	context: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	const fields = simplifiedFieldsFor(context);
	if (!fields) return items;
	return items.map((item) =>
		isPlainObject(item.json) ? { ...item, json: simplifyRecord(item.json, fields) } : item,
	);
}

/** What Get Many adds to its query: `compact=true` when Simplify is on and the list offers it. */
export function compactQuery(context: IExecuteSingleFunctions): IDataObject {
	const resource = String(context.getNodeParameter('resource', ''));
	return COMPACT_LISTS.has(resource) && simplifiedFieldsFor(context) ? { compact: true } : {};
}
