import type { INodeProperties } from 'n8n-workflow';

import type { DefinedResource } from './defineResource';
import { LOCATOR_VERSIONS, withRecordLocators } from './locators';
import { shareIdenticalParameters } from './sharing';

/** Version 2's switch between the fields people read most and the whole record. */
function simplifyProperty(resource: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the main fields of each record (see the docs) instead of the whole record',
		displayOptions: {
			show: { '@version': LOCATOR_VERSIONS, resource: [resource], operation: ['get', 'getAll'] },
		},
	};
}

/** Simplify goes before the Filters or Options of Get and Get Many, as in n8n's own nodes. */
function withSimplify(resource: string, properties: INodeProperties[]): INodeProperties[] {
	const at = properties.findIndex((property) => {
		const operations = (property.displayOptions?.show?.operation ?? []) as string[];
		return (
			(property.name === 'filters' || property.name === 'options') &&
			operations.some((operation) => operation === 'get' || operation === 'getAll')
		);
	});
	const position = at === -1 ? properties.length : at;
	return [
		...properties.slice(0, position),
		simplifyProperty(resource),
		...properties.slice(position),
	];
}

/**
 * The parameters of every resource, for both node versions: version 1's exactly as saved
 * workflows know them, version 2's with record pickers and Simplify, and each parameter that
 * several resources or operations share written once.
 */
export function nodeProperties(
	resources: DefinedResource[],
	simplified: (resource: string) => boolean,
): INodeProperties[] {
	return shareIdenticalParameters(
		resources.flatMap(({ spec, properties }) => {
			const withLocators = withRecordLocators(spec, properties);
			return simplified(spec.value) ? withSimplify(spec.value, withLocators) : withLocators;
		}),
	);
}
