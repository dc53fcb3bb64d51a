/**
 * Schema drift: what the node's parameters send, held against what openapi.json documents for
 * the request each operation sends (the coverage manifest says which). A body field the request
 * schema does not name or of a type it refuses, an options list that is not the schema's enum,
 * a required field or query parameter no required parameter sends, a query parameter the
 * operation does not document, or a list paged in a way its operation does not document, is one
 * problem each; `findDrift` reports them all.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	NodeParameterValue,
} from 'n8n-workflow';

import * as pagination from '../../nodes/BuildWorkPro/routing/pagination';
import type { Coverage } from './manifest';

/** The parts of a JSON Schema (OpenAPI 3.1) the checker reads. */
export interface Schema {
	$ref?: string;
	allOf?: Schema[];
	anyOf?: Schema[];
	oneOf?: Schema[];
	type?: string | string[];
	properties?: Record<string, Schema>;
	additionalProperties?: boolean | Schema;
	items?: Schema;
	required?: string[];
	enum?: unknown[];
	const?: unknown;
}

interface Reference {
	$ref: string;
}

interface Parameter {
	name: string;
	in: string;
	required?: boolean;
	schema?: Schema;
}

interface RequestBody {
	content?: Record<string, { schema?: Schema }>;
}

interface Operation {
	parameters?: Array<Parameter | Reference>;
	requestBody?: RequestBody | Reference;
}

export interface OpenApiDocument {
	paths: Record<string, Record<string, unknown>>;
	components?: {
		schemas?: Record<string, Schema>;
		parameters?: Record<string, Parameter>;
		requestBodies?: Record<string, RequestBody>;
	};
}

/** One value the node can send: a parameter with `routing.send`, or a column a preSend sends. */
export interface SentValue {
	location: 'body' | 'query';
	/** Where it lands in the request: 'title', 'invoice.projectId', 'lines[].quantity'. */
	property: string;
	/** The parameter in the node: 'additionalFields.description'. */
	parameter: string;
	/** The n8n type of the parameter: 'string', 'options', 'multiOptions'… */
	type: string;
	/** Fixed choices of an options or multiOptions parameter (not those loaded from the API). */
	values?: NodeParameterValue[];
	/** A top-level parameter marked required. */
	required: boolean;
	/** The JSON types it sends (null included), where the parameter's routing makes them plain. */
	jsonTypes?: string[];
}

/**
 * Operations whose preSend moves routed body fields before the request goes out: where each
 * field lands in the body actually sent. Kept in step with the preSend it names.
 */
export const BODY_MOVES: Record<string, (property: string) => string> = {
	// nestInvoiceAndLines (resources/invoice/preSend.ts): `{ invoice: {…fields}, lines: [...] }`.
	'invoice.create': (property) =>
		property === 'lines' || property.startsWith('lines[]') ? property : `invoice.${property}`,
};

/** Body fields a request hook adds on its own, by operation: the user has no parameter for them. */
export function bodyAddedByHook(key: string, url: string): string[] {
	// addTenantId (resources/productKitItem/preSend.ts): the credential's tenant, read from GET /me.
	if (key === 'productKitItem.create') return ['tenantId'];
	// importPager (files/import.ts): the upload's sourcePath, the mapping (Column Mapping, or the CSV's columns named like fields), updateInPlace.
	if (key.endsWith('.import')) return ['sourcePath', 'mapping', 'updateInPlace'];
	// bulkPager (files/bulk.ts): the operation and up to 500 of the IDs of all input items.
	if (url.endsWith('/bulk')) return ['operation', 'ids'];
	return [];
}

/** Parameters a request hook reads and turns into the body fields above itself (not sent as they are). */
export function readByHook(key: string): string[] {
	return key.endsWith('.import') ? ['mapping'] : [];
}

/** The list pagers of routing/pagination.ts, by the paging parameters each sends. */
const PAGER_STYLES: Record<string, string> = {
	fetchAllPages: 'cursor',
	fetchAllNumberedPages: 'page',
	fetchAllOffsetPages: 'offset',
	fetchWholeList: 'none',
};
const PAGING_WORDS: Record<string, string> = {
	cursor: 'a cursor (limit, cursor)',
	page: 'page numbers (page, pageSize)',
	offset: 'offsets (limit, offset)',
	none: 'no paging parameters',
};

/** The paging a list operation documents, by its query parameters. */
function documentedPaging(query: Map<string, Parameter>): string {
	if (query.has('cursor')) return 'cursor';
	if (query.has('page')) return 'page';
	if (query.has('offset')) return 'offset';
	return 'none';
}

function pagingStyle(pager: unknown): string | undefined {
	const exported = pagination as unknown as Record<string, unknown>;
	const name = Object.keys(PAGER_STYLES).find(
		(candidate) => exported[candidate] !== undefined && exported[candidate] === pager,
	);
	return name && PAGER_STYLES[name];
}

const isReference = (value: unknown): value is Reference =>
	typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';

/** '#/components/schemas/Contact' → that object of the document. */
function dereference<T>(
	openapi: OpenApiDocument,
	value: T | Reference,
	seen = new Set<string>(),
): T {
	let current: unknown = value;
	while (isReference(current)) {
		const ref = current.$ref;
		if (seen.has(ref) || !ref.startsWith('#/'))
			throw new Error(`openapi.json: cannot follow ${ref}`);
		seen.add(ref);
		current = ref
			.slice(2)
			.split('/')
			.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
			.reduce<unknown>(
				(node, part) => (node as Record<string, unknown> | undefined)?.[part],
				openapi,
			);
		if (current === undefined) throw new Error(`openapi.json: ${ref} is not in the document`);
	}
	return current as T;
}

/** The schema and every schema it is made of (allOf, and each alternative of anyOf / oneOf), resolved. */
function branches(openapi: OpenApiDocument, schema: Schema | undefined): Schema[] {
	if (!schema) return [];
	const resolved = dereference(openapi, schema);
	return [
		resolved,
		...[...(resolved.allOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].flatMap(
			(part) => branches(openapi, part),
		),
	];
}

/** The schema of `name` in an object schema: a named property, or any name where the object is open. */
function propertySchema(
	openapi: OpenApiDocument,
	schema: Schema,
	name: string,
): Schema | undefined {
	const parts = branches(openapi, schema);
	const named = parts.find((part) => part.properties && name in part.properties);
	if (named) return named.properties![name];
	const open = parts.find(
		(part) => part.additionalProperties === true || typeof part.additionalProperties === 'object',
	);
	if (open) return typeof open.additionalProperties === 'object' ? open.additionalProperties : {};
	return undefined;
}

/** The fields an object schema requires: its own and its allOf parts' (an alternative's are not always required). */
function requiredOf(openapi: OpenApiDocument, schema: Schema): string[] {
	const resolved = dereference(openapi, schema);
	return [
		...new Set([
			...(resolved.required ?? []),
			...(resolved.allOf ?? []).flatMap((part) => requiredOf(openapi, part)),
		]),
	];
}

function itemsSchema(openapi: OpenApiDocument, schema: Schema): Schema | undefined {
	return branches(openapi, schema).find((part) => part.items)?.items;
}

/** The schema at 'invoice.projectId' or 'lines[].quantity' under `root`, if the document names it. */
export function schemaAt(
	openapi: OpenApiDocument,
	root: Schema,
	property: string,
): Schema | undefined {
	let schema: Schema | undefined = root;
	for (const segment of property.split('.')) {
		const array = segment.endsWith('[]');
		schema = schema && propertySchema(openapi, schema, array ? segment.slice(0, -2) : segment);
		if (schema && array) schema = itemsSchema(openapi, schema);
		if (!schema) return undefined;
	}
	return schema;
}

/** The values an enum (or const) allows, null aside; undefined where the schema has no enum. */
function enumOf(openapi: OpenApiDocument, schema: Schema): unknown[] | undefined {
	const values = branches(openapi, schema).flatMap((part) => [
		...(part.enum ?? []),
		...('const' in part ? [part.const] : []),
	]);
	const choices = values.filter((value) => value !== null);
	return choices.length ? [...new Set(choices)] : undefined;
}

/** The JSON types a schema accepts ('integer' counted as 'number'); undefined where it names none. */
function typesOf(openapi: OpenApiDocument, schema: Schema): string[] | undefined {
	const parts = branches(openapi, schema);
	const types = parts.flatMap((part) =>
		part.type === undefined ? [] : Array.isArray(part.type) ? part.type : [part.type],
	);
	const enumTypes = parts.flatMap((part) =>
		(part.enum ?? []).map((value) => (value === null ? 'null' : typeof value)),
	);
	// A branch without a type (`{}`, an `items: {}`) accepts anything.
	if (
		parts.some(
			(part) =>
				part.type === undefined &&
				!part.enum &&
				'const' in part === false &&
				!part.allOf &&
				!part.anyOf &&
				!part.oneOf &&
				!part.$ref,
		)
	)
		return undefined;
	const all = [...types, ...enumTypes].map((type) => (type === 'integer' ? 'number' : type));
	return all.length ? [...new Set(all)] : undefined;
}

function requestSchema(openapi: OpenApiDocument, operation: Operation): Schema | undefined {
	if (!operation.requestBody) return undefined;
	const body = dereference(openapi, operation.requestBody);
	return body.content?.['application/json']?.schema;
}

function queryParameters(
	openapi: OpenApiDocument,
	pathItem: Record<string, unknown>,
	operation: Operation,
): Map<string, Parameter> {
	const parameters = [
		...((pathItem.parameters as Array<Parameter | Reference> | undefined) ?? []),
		...(operation.parameters ?? []),
	]
		.map((parameter) => dereference(openapi, parameter))
		.filter((parameter) => parameter.in === 'query');
	return new Map(parameters.map((parameter) => [parameter.name, parameter]));
}

type Child = INodeProperties | INodePropertyCollection | INodePropertyOptions;

/**
 * The JSON types a parameter sends: its editor's type, as changed by the `routing.send.value`
 * templates of description/fields.ts. A nullable field's template (empty, or 0 for a reference, is
 * sent as null) adds null; the loaded-choice and date templates turn an emptied value into null
 * whatever the field, which is not the field's claim and is left out here. Undefined for any
 * other expression, whose result the checker cannot tell.
 */
function jsonTypesOf(property: INodeProperties, viaPreSend: boolean): string[] | undefined {
	const value = property.routing?.send?.value;
	const expression = typeof value === 'string' ? value.replace(/\s+/g, ' ') : undefined;
	const nullable =
		expression !== undefined &&
		/^=\{\{ \$value === (0 \|\| \$value === )?"" \? null : \$value \}\}$/.test(expression);
	const orNull = (types: string[]) => (nullable ? [...types, 'null'] : types);
	if (expression !== undefined && !nullable) {
		if (expression.includes('Number($value)')) return ['number'];
		if (expression.includes('.toISOString()')) return ['string'];
		return undefined;
	}
	if (viaPreSend) return undefined;
	switch (property.type) {
		case 'string':
		case 'dateTime':
		case 'color':
			return orNull(['string']);
		case 'number':
			return orNull(['number']);
		case 'boolean':
			return ['boolean'];
		case 'options': {
			if (property.typeOptions?.loadOptions || property.typeOptions?.loadOptionsMethod)
				return undefined;
			const choices = ((property.options ?? []) as INodePropertyOptions[]).map(
				(option) => typeof option.value,
			);
			return choices.length ? orNull([...new Set(choices)]) : undefined;
		}
		case 'multiOptions':
			return ['array'];
		default:
			return undefined;
	}
}

/** Every value a parameter sends, its collections' and fixed collections' included. */
function sentBy(
	property: INodeProperties,
	parameter: string,
	topLevel: boolean,
	column?: string,
): SentValue[] {
	const send = property.routing?.send;
	const values = (location: 'body' | 'query', target: string): SentValue[] => [
		{
			location,
			property: target,
			parameter,
			type: property.type,
			values:
				(property.type === 'options' || property.type === 'multiOptions') &&
				!property.typeOptions?.loadOptions &&
				!property.typeOptions?.loadOptionsMethod
					? ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value)
					: undefined,
			required: topLevel && property.required === true,
			jsonTypes: jsonTypesOf(property, column !== undefined && !send),
		},
	];
	if (send?.type === 'body' || send?.type === 'query')
		return values(send.type, String(send.property ?? property.name));
	// A fixed collection's columns without routing are sent by a preSend as the rows of an array of its name.
	if (column !== undefined) return values('body', `${column}.${property.name}`);
	const children = (property.options ?? []) as Child[];
	if (property.type === 'collection') {
		return children.flatMap((child) =>
			sentBy(child as INodeProperties, `${parameter}.${child.name}`, false),
		);
	}
	if (property.type === 'fixedCollection') {
		const rows = `${property.name}${property.typeOptions?.multipleValues ? '[]' : ''}`;
		return (children as INodePropertyCollection[]).flatMap((group) =>
			(group.values ?? []).flatMap((value) =>
				sentBy(value, `${parameter}.${group.name}.${value.name}`, false, rows),
			),
		);
	}
	return [];
}

/** The parameters shown for one operation of a resource, the operation selector aside. */
function parametersOf(
	properties: INodeProperties[],
	resource: string,
	operation: string,
): INodeProperties[] {
	return properties.filter(
		(property) =>
			property.name !== 'operation' &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			(property.displayOptions.show.operation?.includes(operation) ?? true),
	);
}

/** What one node operation sends: its fields and, for lists, its pager. */
export interface NodeOperationShape {
	key: string;
	sent: SentValue[];
	/** Top-level parameters without routing (a preSend sends them): their names. */
	presentWithoutRouting: Array<{ name: string; required: boolean }>;
	pager?: unknown;
}

export function operationShape(
	properties: INodeProperties[],
	key: string,
): NodeOperationShape | undefined {
	const [resource, operation] = key.split('.');
	const selector = properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	const option = ((selector?.options ?? []) as INodePropertyOptions[]).find(
		(candidate) => candidate.value === operation,
	);
	if (!option) return undefined;
	const parameters = parametersOf(properties, resource, operation).filter(
		(parameter) => !readByHook(key).includes(parameter.name),
	);
	const move = BODY_MOVES[key] ?? ((property: string) => property);
	// Values the operation itself fixes in its request (`routing.request.qs` / `.body`).
	const fixed = (location: 'body' | 'query', values: unknown): SentValue[] =>
		Object.keys(typeof values === 'object' && values !== null ? values : {}).map((name) => ({
			location,
			property: name,
			parameter: `(the operation's routing.request.${location === 'body' ? 'body' : 'qs'})`,
			type: 'fixed',
			required: true,
		}));
	return {
		key,
		sent: [
			...fixed('query', option.routing?.request?.qs),
			...fixed('body', option.routing?.request?.body),
			...bodyAddedByHook(key, String(option.routing?.request?.url ?? '')).map((property) => ({
				location: 'body' as const,
				property,
				parameter: '(added by a request hook)',
				type: 'fixed',
				required: true,
			})),
			...parameters.flatMap((parameter) => sentBy(parameter, parameter.name, true)),
		].map((value) =>
			value.location === 'body' ? { ...value, property: move(value.property) } : value,
		),
		presentWithoutRouting: parameters
			.filter(
				(parameter) =>
					!parameter.routing &&
					!['collection', 'fixedCollection', 'notice'].includes(parameter.type),
			)
			.map((parameter) => ({ name: parameter.name, required: parameter.required === true })),
		pager: option.routing?.operations?.pagination,
	};
}

const list = (values: unknown[]) =>
	values
		.map((value) => String(value))
		.sort()
		.join(', ');

/** Options against an enum: a problem, or undefined when they agree. */
function choiceProblem(
	value: SentValue,
	allowed: unknown[] | undefined,
	where: string,
	what: string,
): string | undefined {
	const name = `${what} ${value.property}`;
	if (value.values) {
		// A query parameter without an enum may still be offered as the record field's choices.
		if (!allowed && value.location === 'query') return undefined;
		if (!allowed)
			return `${name} offers fixed options (${list(value.values)}), but ${where} has no enum for it`;
		const offered = value.values.map(String);
		const documented = allowed.map(String);
		const extra = offered.filter((choice) => !documented.includes(choice));
		const missing = documented.filter((choice) => !offered.includes(choice));
		if (extra.length || missing.length) {
			const parts = [
				extra.length ? `not in the enum: ${list(extra)}` : '',
				missing.length ? `missing: ${list(missing)}` : '',
			];
			return `${name} options differ from the enum of ${where} (${parts.filter(Boolean).join('; ')})`;
		}
		return undefined;
	}
	if (allowed && value.type === 'string')
		return `${name} takes any text, but ${where} allows only ${list(allowed)}: make it an options field`;
	return undefined;
}

/**
 * Every drift between the node's `properties` and `openapi`, for each operation the coverage
 * manifest maps to a node operation. An operation the node lacks is skipped here (the coverage
 * test reports it).
 */
export function findDrift(
	properties: INodeProperties[],
	openapi: OpenApiDocument,
	coverage: Record<string, Coverage>,
): string[] {
	const problems: string[] = [];
	for (const [request, target] of Object.entries(coverage)) {
		if (typeof target !== 'string') continue;
		const shape = operationShape(properties, target);
		if (!shape) continue;
		const [method, path] = request.split(' ');
		const pathItem = openapi.paths[path] ?? {};
		const operation = pathItem[method.toLowerCase()] as Operation | undefined;
		if (!operation) continue;
		const report = (problem: string) => problems.push(`${target}: ${problem}`);

		// The body: fields, their options, and what the schema requires.
		const body = requestSchema(openapi, operation);
		const bodyValues = shape.sent.filter((value) => value.location === 'body');
		for (const value of bodyValues) {
			if (!body) {
				report(`field ${value.property} is sent, but ${request} takes no request body`);
				continue;
			}
			const schema = schemaAt(openapi, body, value.property);
			if (!schema) {
				report(`field ${value.property} is not in the request schema of ${request}`);
				continue;
			}
			const accepted = typesOf(openapi, schema);
			const refused = (value.jsonTypes ?? []).filter(
				(type) => accepted && !accepted.includes(type),
			);
			if (refused.includes('null'))
				report(
					`field ${value.property} sends null when left empty, but the request schema of ${request} does not accept null`,
				);
			const wrong = refused.filter((type) => type !== 'null');
			if (wrong.length)
				report(
					`field ${value.property} is sent as ${wrong.join(' or ')}, but the request schema of ${request} takes ${accepted!.join(' or ')}`,
				);
			const elements =
				value.type === 'multiOptions' ? (itemsSchema(openapi, schema) ?? schema) : schema;
			const problem = choiceProblem(
				value,
				enumOf(openapi, elements),
				`the request schema of ${request}`,
				'field',
			);
			if (problem) report(problem);
		}
		if (body) {
			for (const field of requiredOf(openapi, body)) {
				const sent =
					bodyValues.some(
						(value) =>
							value.required &&
							(value.property === field ||
								value.property.startsWith(`${field}.`) ||
								value.property.startsWith(`${field}[]`)),
					) ||
					shape.presentWithoutRouting.some(
						(parameter) => parameter.required && parameter.name === field,
					);
				if (!sent)
					report(
						`the request schema of ${request} requires ${field}, which no required parameter sends`,
					);
			}
		}

		// The query: documented parameters, their enums, the required ones, and the paging.
		const query = queryParameters(openapi, pathItem, operation);
		const queryValues = shape.sent.filter((candidate) => candidate.location === 'query');
		for (const value of queryValues) {
			const documented = query.get(value.property);
			if (!documented) {
				report(`filter ${value.property} is not a documented query parameter of ${request}`);
				continue;
			}
			const problem = choiceProblem(
				value,
				enumOf(openapi, documented.schema ?? {}),
				`the query parameter ${value.property} of ${request}`,
				'filter',
			);
			if (problem) report(problem);
		}
		for (const documented of query.values()) {
			if (
				!documented.required ||
				queryValues.some((value) => value.required && value.property === documented.name)
			)
				continue;
			report(
				`the query parameter ${documented.name} of ${request} is required, but no required parameter sends it`,
			);
		}
		const style = pagingStyle(shape.pager);
		if (style) {
			const documented = documentedPaging(query);
			if (style !== documented)
				report(
					`pages with ${PAGING_WORDS[style]}, but ${request} documents ${PAGING_WORDS[documented]}`,
				);
		}
	}
	return [...new Set(problems)];
}
