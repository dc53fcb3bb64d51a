/**
 * The nodes' descriptions as n8n's editor and saved workflows meet them, written as stable,
 * diffable text. Functions in routing (pre-send checks, pagers) are written by name, so a swapped
 * or lost step shows up too.
 *
 * The action node's parameters are written as the editor shows them: for each resource and
 * operation, the parameters visible there, in their order, without the resource/operation part of
 * their display conditions. Which property object serves which operations, and the order of
 * parameters that are never shown together, are left out: they change nothing a user sees or a
 * saved workflow holds, and are what a new layout may rearrange.
 */
import type { IDisplayOptions, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { BuildWorkProTrigger } from '../../nodes/BuildWorkProTrigger/BuildWorkProTrigger.node';

export const DUMPED_NODES = {
	buildWorkPro: () => new BuildWorkPro(),
	buildWorkProTrigger: () => new BuildWorkProTrigger(),
};

function toJson(value: unknown, indent?: number): string {
	return JSON.stringify(
		value,
		(_key, item: unknown) =>
			typeof item === 'function' ? `[function ${item.name || 'anonymous'}]` : item,
		indent,
	);
}

type Shown = Record<string, unknown[] | undefined>;

function shownFor(property: INodeProperties, key: string, value: string): boolean {
	const show = property.displayOptions?.show as Shown | undefined;
	const values = show?.[key];
	return values === undefined || values.includes(value);
}

/** The property without the resource/operation conditions of its display (the grouping says them). */
function asShownIn(property: INodeProperties): INodeProperties {
	if (!property.displayOptions) return property;
	const {
		resource: _resource,
		operation: _operation,
		...show
	} = (property.displayOptions.show ?? {}) as Shown;
	const displayOptions: IDisplayOptions = {
		...property.displayOptions,
		show: show as IDisplayOptions['show'],
	};
	if (Object.keys(show).length === 0) delete displayOptions.show;
	const rest = { ...property };
	delete rest.displayOptions;
	return Object.keys(displayOptions).length ? { ...rest, displayOptions } : rest;
}

/** One line per parameter an editor shows for each resource and operation, in its order. */
function parametersByOperation(properties: INodeProperties[]): string[] {
	const resourceSelector = properties.find((property) => property.name === 'resource');
	const resources = (resourceSelector?.options ?? []) as Array<{ value: string }>;
	const lines = properties
		.filter((property) => !(property.displayOptions?.show as Shown | undefined)?.resource)
		.map((property) => `(every resource) ${toJson(property)}`);
	for (const { value: resource } of resources) {
		const ofResource = properties.filter(
			(property) =>
				(property.displayOptions?.show as Shown | undefined)?.resource &&
				shownFor(property, 'resource', resource),
		);
		const selector = ofResource.find((property) => property.name === 'operation');
		lines.push(`${resource} ${toJson(asShownIn(selector as INodeProperties))}`);
		for (const { value: operation } of (selector?.options ?? []) as Array<{ value: string }>) {
			for (const property of ofResource) {
				if (property === selector || !shownFor(property, 'operation', operation)) continue;
				lines.push(`${resource}.${operation} ${toJson(asShownIn(property))}`);
			}
		}
	}
	return lines;
}

/** The node's description, and the names of its methods, as stable, diffable text. */
export function dumpNode(node: object): string {
	const { description, methods } = node as {
		description: INodeTypeDescription;
		methods?: Record<string, Record<string, unknown>>;
	};
	const methodNames = Object.fromEntries(
		Object.entries(methods ?? {}).map(([kind, group]) => [kind, Object.keys(group).sort()]),
	);
	const { properties, ...rest } = description;
	return `${toJson({ description: rest, methods: methodNames }, 1)}\n${parametersByOperation(properties).join('\n')}\n`;
}
