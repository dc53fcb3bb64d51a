import type { INodeProperties } from 'n8n-workflow';

import { listSearchOf } from '../methods/listSearch';
import type { ListSearchMode } from '../methods/listSearch';
import { checkRecordLocators } from '../routing/preSend';
import type { ResourceSpec } from './resource';

/**
 * Version 2 picks records from a list. Every parameter that holds the ID of a record (the record's
 * own, its parent's, and the links among Additional Fields, Update Fields and Filters) becomes
 * n8n's resource locator there: From List (searching the records by name) or By ID. Version 1
 * keeps the plain field, so the same name holds a number in a saved version-1 workflow and a
 * locator in a version-2 one, each shown only for its version.
 */

/** The versions that pick records from a list. */
export const LOCATOR_VERSIONS = [2];
const PLAIN_VERSIONS = [1];

const isPlainId = (property: INodeProperties) =>
	property.type === 'string' || property.type === 'number';

/** How version 2 lists the records a parameter of `resource` names, if it names records. */
function listOf(property: INodeProperties, resource: ResourceSpec): ListSearchMode | undefined {
	return isPlainId(property) ? listSearchOf(resource.value, property.name) : undefined;
}

function withVersions(property: INodeProperties, versions: number[]): INodeProperties {
	const { show, ...conditions } = property.displayOptions ?? {};
	return {
		...property,
		displayOptions: { ...conditions, show: { ...show, '@version': versions } },
	};
}

/** What a locator sends: its value as the number BuildWorkPro expects, empty meaning none. */
function locatorRouting(routing: INodeProperties['routing']): INodeProperties['routing'] {
	const send = routing?.send;
	if (!send?.property) return { send: { preSend: [checkRecordLocators] } };
	// A cleared link is sent as null where the API allows it (version 1 sent 0 for that).
	const clears = typeof send.value === 'string' && send.value.includes('null');
	// Empty (or 0, as version 1 had it) is no record: left out of a query, null or left out in a body.
	const none = '$value === "" || Number($value) === 0';
	const value =
		send.type === 'query'
			? `={{ ${none} ? "" : $value }}`
			: `={{ ${none} ? ${clears ? 'null' : 'undefined'} : Number($value) }}`;
	return {
		...routing,
		send: {
			type: send.type,
			property: send.property,
			...(value ? { value } : {}),
			preSend: [checkRecordLocators],
		},
	};
}

/** The version-2 form of an ID parameter: a resource locator listing `record`'s records. */
function locatorOf(property: INodeProperties, list: ListSearchMode): INodeProperties {
	const { displayName, name, required, description, displayOptions, placeholder, routing } =
		property;
	return {
		displayName,
		name,
		...(required ? { required } : {}),
		...(description ? { description } : {}),
		...(displayOptions ? { displayOptions } : {}),
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: list.method, searchable: list.searchable },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: placeholder ?? '1042' },
		],
		routing: locatorRouting(routing),
	};
}

/** A collection whose link fields are locators in version 2 (each field once per version). */
function withLinkedLocators(collection: INodeProperties, resource: ResourceSpec): INodeProperties {
	let changed = false;
	const options = (collection.options as INodeProperties[]).flatMap((option) => {
		const list = listOf(option, resource);
		if (!list) return [option];
		changed = true;
		return [
			withVersions(option, PLAIN_VERSIONS),
			withVersions(locatorOf(option, list), LOCATOR_VERSIONS),
		];
	});
	return changed ? { ...collection, options } : collection;
}

/** A resource's parameters with every record ID a plain field in version 1 and a locator in 2. */
export function withRecordLocators(
	resource: ResourceSpec,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.type === 'collection') return [withLinkedLocators(property, resource)];
		const list = listOf(property, resource);
		if (!list) return [property];
		return [
			withVersions(property, PLAIN_VERSIONS),
			withVersions(locatorOf(property, list), LOCATOR_VERSIONS),
		];
	});
}
