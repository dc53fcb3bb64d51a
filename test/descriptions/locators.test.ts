/**
 * Version 2's record pickers: every ID parameter that names records BuildWorkPro can list is a
 * resource locator whose From List mode names a list search the node has; version 1 keeps the
 * plain field under the same name.
 */
import type { INodeProperties } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { ID_PARAMETERS_WITHOUT_LIST } from '../../nodes/BuildWorkPro/methods';

const node = new BuildWorkPro();
const versionOf = (property: INodeProperties) =>
	property.displayOptions?.show?.['@version'] as number[] | undefined;

/** Every parameter, collections' fields included, with the collection it sits in. */
function everyParameter(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) =>
		property.type === 'collection'
			? [property, ...everyParameter(property.options as INodeProperties[])]
			: [property],
	);
}

const parameters = everyParameter(node.description.properties);
const locators = parameters.filter((property) => property.type === 'resourceLocator');

it('pickers are shown in version 2 only, each beside a version-1 field of the same name', () => {
	expect(locators.length).toBeGreaterThan(40);
	for (const locator of locators) {
		expect(versionOf(locator)).toEqual([2]);
		const plain = parameters.filter(
			(property) => property.name === locator.name && versionOf(property)?.includes(1),
		);
		expect(plain.length).toBeGreaterThan(0);
		expect(plain.every((property) => ['string', 'number'].includes(property.type))).toBe(true);
	}
});

it('every From List mode names a list search the node has, By ID is the other mode', () => {
	for (const locator of locators) {
		const [list, byId] = locator.modes ?? [];
		expect(list.type).toBe('list');
		expect(node.methods.listSearch).toHaveProperty(String(list.typeOptions?.searchListMethod));
		expect(byId).toMatchObject({ name: 'id', type: 'string' });
		expect(locator.default).toEqual({ mode: 'list', value: '' });
	}
});

it('ID fields BuildWorkPro cannot list stay typed IDs in version 2', () => {
	const unlisted = locators.filter((locator) => ID_PARAMETERS_WITHOUT_LIST.includes(locator.name));
	expect(unlisted).toEqual([]);
});

it('every ID parameter of version 1 that names listable records has a picker in version 2', () => {
	const pickedNames = new Set(locators.map((locator) => locator.name));
	const plainIds = parameters.filter(
		(property) => versionOf(property)?.includes(1) && ['string', 'number'].includes(property.type),
	);
	expect(plainIds.every((property) => pickedNames.has(property.name))).toBe(true);
});
