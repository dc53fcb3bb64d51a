import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceSpec } from './resource';
import { DEFAULT_MAX_WAIT_SECONDS } from '../../shared/transport/session';

/**
 * Builders for the fields of a resource. A resource lists its writable fields and filters once,
 * as `FieldSpec`s under the API's names, and these builders turn them into n8n parameters that
 * send themselves (`routing.send`) where the API expects them.
 */

/** How a value is edited in n8n and sent to BuildWorkPro. */
export type FieldKind =
	/** One line of text. */
	| 'string'
	/** Several lines of text. */
	| 'text'
	/** A number the API takes as a JSON number. */
	| 'number'
	/** The id of another record (a number); 0 means none where the API allows null. */
	| 'reference'
	| 'boolean'
	/** A point in time, sent as ISO 8601 in UTC (a value without an offset is read as UTC). */
	| 'dateTime'
	/** One of `options`. */
	| 'options'
	/** One of the records a load-options method lists (lead stages, users); expressions still work. */
	| 'dynamicOptions';

export interface FieldSpec {
	/** The API's field (or query parameter) name, which is also the parameter name. */
	name: string;
	displayName: string;
	kind: FieldKind;
	/** The API accepts null: an empty value (or 0 for a reference) clears the field. */
	nullable?: boolean;
	description?: string;
	/** The description under Update Fields, where it differs (e.g. how to clear the field). */
	updateDescription?: string;
	placeholder?: string;
	options?: INodePropertyOptions[];
	/** The node's `methods.loadOptions` method that lists the choices of a `dynamicOptions` field. */
	loadOptionsMethod?: string;
	default?: string | number | boolean;
}

/** n8n's wording for a dropdown whose value may also come from an expression; appended to every such field. */
const DYNAMIC_OPTIONS_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** An empty value clears a nullable field instead of being rejected as "not an email" and the like. */
const EMPTY_MEANS_NULL = '={{ $value === "" ? null : $value }}';
const ZERO_MEANS_NULL = '={{ $value === 0 || $value === "" ? null : $value }}';
const AS_NUMBER = '={{ $value === "" || $value === null ? null : Number($value) }}';
/** n8n's date picker yields "2026-01-31T00:00:00" without a zone; BuildWorkPro works in UTC. */
const AS_UTC_TIMESTAMP =
	'={{ $value === "" || $value === null ? null : new Date(/(Z|[+-]\\d{2}:?\\d{2})$/i.test(String($value)) || /^\\d{4}-\\d{2}-\\d{2}$/.test(String($value)) ? String($value) : String($value) + "Z").toISOString() }}';

function sendValue(spec: FieldSpec): string | undefined {
	switch (spec.kind) {
		case 'reference':
			return spec.nullable ? ZERO_MEANS_NULL : undefined;
		case 'dynamicOptions':
			return AS_NUMBER;
		case 'dateTime':
			return AS_UTC_TIMESTAMP;
		case 'string':
		case 'text':
			return spec.nullable ? EMPTY_MEANS_NULL : undefined;
		default:
			return undefined;
	}
}

function editor(spec: FieldSpec): Omit<INodeProperties, 'displayName' | 'name'> {
	const base = { description: spec.description, placeholder: spec.placeholder };
	switch (spec.kind) {
		case 'text':
			return { ...base, type: 'string', typeOptions: { rows: 3 }, default: spec.default ?? '' };
		case 'number':
			return { ...base, type: 'number', default: spec.default ?? 0 };
		case 'reference':
			return {
				...base,
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: spec.default ?? 0,
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: spec.default ?? false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: spec.default ?? '' };
		case 'options':
			return {
				...base,
				type: 'options',
				options: spec.options ?? [],
				default: spec.default ?? spec.options?.[0]?.value ?? '',
			};
		case 'dynamicOptions':
			return {
				...base,
				type: 'options',
				typeOptions: { loadOptionsMethod: spec.loadOptionsMethod },
				default: spec.default ?? '',
				description: spec.description
					? `${spec.description} ${DYNAMIC_OPTIONS_HINT}.`
					: DYNAMIC_OPTIONS_HINT,
			};
		default:
			return { ...base, type: 'string', default: spec.default ?? '' };
	}
}

function withoutUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Sentences about taking away a value the record has ("0 removes the link.", "Leave empty to
 * clear …"): they mean something under Update Fields only.
 */
const CLEARING_SENTENCE = /\s*\b(0 removes|Leave empty to clear)\b[^.]*(\.|$)/g;

/** A field's description where there is no value yet to take away (Create, a lifecycle action). */
function withoutClearingHint(description: string | undefined): string | undefined {
	const rest = description?.replace(CLEARING_SENTENCE, '').trim();
	return rest ? rest : undefined;
}

/**
 * A parameter that sends itself as the body field of its name, for a value the record does not
 * have yet (Create, a lifecycle action): without the update-only hints on clearing a value.
 */
export function bodyProperty(spec: FieldSpec): INodeProperties {
	return sendingBodyProperty({ ...spec, description: withoutClearingHint(spec.description) });
}

function sendingBodyProperty(spec: FieldSpec): INodeProperties {
	const value = sendValue(spec);
	return withoutUndefined({
		displayName: spec.displayName,
		name: spec.name,
		...editor(spec),
		routing: { send: { type: 'body' as const, property: spec.name, ...(value ? { value } : {}) } },
	});
}

/**
 * A parameter that sends itself as the query parameter of its name. Empty filters are dropped
 * and dates made UTC timestamps before sending (`normalizeListFilters`).
 */
export function queryProperty(spec: FieldSpec): INodeProperties {
	// An ID filter left at 0 filters nothing (no record has ID 0): send it as empty, which is dropped.
	const value = spec.kind === 'reference' ? '={{ $value === 0 ? "" : $value }}' : undefined;
	return withoutUndefined({
		displayName: spec.displayName,
		name: spec.name,
		...editor(spec),
		routing: { send: { type: 'query' as const, property: spec.name, ...(value ? { value } : {}) } },
	});
}

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** Shows `properties` only for these operations of the resource. */
export function forOperations(
	resource: ResourceSpec,
	operations: string[],
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource.value], operation: operations } },
		properties,
	);
}

/** A body field the API requires: a top-level parameter, marked required. */
export function requiredBodyProperty(spec: FieldSpec): INodeProperties {
	return { ...bodyProperty(spec), required: true };
}

/**
 * Create's "Additional Fields" (and a lifecycle action's): the optional body fields,
 * alphabetically, without the update-only hints on clearing a value.
 */
export function additionalFields(specs: FieldSpec[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: specs.map(bodyProperty).sort(byDisplayName),
	};
}

/** Update's "Update Fields": the body fields a PATCH may change, alphabetically. */
export function updateFields(specs: FieldSpec[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: specs
			.map((spec) =>
				sendingBodyProperty({ ...spec, description: spec.updateDescription ?? spec.description }),
			)
			.sort(byDisplayName),
	};
}

/** The record's id parameter (`bidId`), written once for every operation that needs it. */
export function recordIdProperty(resource: ResourceSpec, description?: string): INodeProperties {
	return {
		displayName: resource.idLabel,
		name: resource.idParameter,
		type: 'string',
		required: true,
		default: '',
		placeholder: '1042',
		description: description ?? `ID of the ${resource.noun}`,
	};
}

/** Get Many's Return All / Limit / Filters. */
export function listProperties(filters: FieldSpec[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			// The pager asks for pages of at most what is still missing and stops here.
			routing: { output: { maxResults: '={{ $value }}' } },
		},
		...(filters.length ? [filtersProperty(filters)] : []),
	];
}

/** "Filters": optional query parameters, alphabetically. */
export function filtersProperty(filters: FieldSpec[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters.map(queryProperty).sort(byDisplayName),
	};
}

const maxWaitOption: INodeProperties = {
	displayName: 'Max Wait (Seconds)',
	name: 'maxWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_MAX_WAIT_SECONDS,
	description:
		'How long the node may spend, per request, waiting to retry after errors; also the longest single pause for a rate limit. 0 means never wait: no retries.',
};

const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: '={{ $json.submissionId }}',
	description:
		'A value that identifies this change in your source system, such as a form submission ID. The same value always sends the same key, so BuildWorkPro applies the change once even across executions. When not set, the node derives a key per item and execution.',
};

/** "Options" of the resource's operations: mutations also get the Idempotency Key. */
export function optionsProperties(
	resource: ResourceSpec,
	mutations: string[],
	reads: string[],
): INodeProperties[] {
	const options = (operations: string[], choices: INodeProperties[]): INodeProperties[] =>
		operations.length
			? forOperations(resource, operations, [
					{
						displayName: 'Options',
						name: 'options',
						type: 'collection',
						placeholder: 'Add option',
						default: {},
						options: choices,
					},
				])
			: [];
	return [
		...options(mutations, [idempotencyKeyOption, maxWaitOption]),
		...options(reads, [maxWaitOption]),
	];
}

/** The IDs of a get-many lookup (`getByIds`). */
export function idsProperty(resource: ResourceSpec): INodeProperties {
	return {
		displayName: 'IDs',
		name: 'ids',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12, 15, 19',
		description: `IDs of the ${resource.noun}s to retrieve, separated by commas (at most 50). IDs that do not exist are left out of the result.`,
	};
}

/** The resource's Operation list: its operations in alphabetical order, Get Many first by default. */
export function operationSelector(
	resource: ResourceSpec,
	operations: INodePropertyOptions[],
	defaultOperation = 'getAll',
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [...operations].sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}
