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
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

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
function asShownIn(property: INodeProperties): object {
	if (!property.displayOptions) return property;
	const {
		resource: _resource,
		operation: _operation,
		...show
	} = (property.displayOptions.show ?? {}) as Shown;
	const { show: _show, ...otherConditions } = property.displayOptions;
	const displayOptions = Object.keys(show).length ? { ...otherConditions, show } : otherConditions;
	const { displayOptions: _displayOptions, ...rest } = property;
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

/** Words for people, which may improve without changing what a saved workflow holds or sends. */
const DISPLAY_TEXT = new Set([
	'displayName',
	'description',
	'hint',
	'placeholder',
	'action',
	'subtitle',
]);

/**
 * The description without its words for people: labels, descriptions, hints, placeholders, and
 * the names of dropdown choices (their values stay), with the choices in value order (the order
 * the editor lists them in is display too).
 */
function withoutDisplayText(value: unknown): unknown {
	if (Array.isArray(value)) {
		const items = value.map(withoutDisplayText);
		const choices = value.every((item) => item && typeof item === 'object' && 'value' in item);
		return choices
			? [...items].sort((a, b) =>
					String((a as { value: unknown }).value).localeCompare(
						String((b as { value: unknown }).value),
					),
				)
			: items;
	}
	if (!value || typeof value !== 'object') return value;
	const isChoice = 'value' in value && !('type' in value);
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !DISPLAY_TEXT.has(key) && !(isChoice && key === 'name'))
			.map(([key, item]) => [key, withoutDisplayText(item)]),
	);
}

type VersionCondition = number | { _cnd?: { gte?: number; lte?: number; eq?: number } };

function matchesVersion(conditions: VersionCondition[], version: number): boolean {
	return conditions.some((condition) => {
		if (typeof condition === 'number') return condition === version;
		const { gte = -Infinity, lte = Infinity, eq } = condition._cnd ?? {};
		return (eq === undefined || eq === version) && version >= gte && version <= lte;
	});
}

/**
 * The parameters as a node of this version has them: those whose `@version` condition excludes it
 * are left out (in collections too), and the condition itself, said by the dump's file, is dropped.
 */
export function asVersion<T>(value: T, version: number): T {
	if (Array.isArray(value)) {
		return value
			.filter((item) => {
				const shown = (item as { displayOptions?: { show?: Shown } })?.displayOptions?.show;
				const conditions = shown?.['@version'] as VersionCondition[] | undefined;
				return !conditions || matchesVersion(conditions, version);
			})
			.map((item) => asVersion(item, version)) as T;
	}
	if (!value || typeof value !== 'object') return value;
	const copy = Object.fromEntries(
		Object.entries(value).map(([key, item]) => [key, asVersion(item, version)]),
	) as Record<string, unknown>;
	const displayOptions = copy.displayOptions as { show?: Shown } | undefined;
	if (displayOptions?.show?.['@version']) {
		const { '@version': _version, ...show } = displayOptions.show;
		const { show: _show, ...rest } = displayOptions;
		const kept = Object.keys(show).length ? { ...rest, show } : rest;
		if (Object.keys(kept).length) copy.displayOptions = kept;
		else delete copy.displayOptions;
	}
	return copy as T;
}

/** The versions a node type offers: [1, 2] for `version: [1, 2]`. */
export function versionsOf(node: object): number[] {
	const { version } = (node as { description: INodeTypeDescription }).description;
	return Array.isArray(version) ? version : [version];
}

/**
 * The node's description as a node of `version` has it, and the names of its methods, as stable,
 * diffable text. `behaviourOnly` leaves out the words for people (see `withoutDisplayText`).
 */
export function dumpNode(node: object, { version = 1, behaviourOnly = false } = {}): string {
	const { description, methods } = node as {
		description: INodeTypeDescription;
		methods?: Record<string, Record<string, unknown>>;
	};
	const methodNames = Object.fromEntries(
		Object.entries(methods ?? {}).map(([kind, group]) => [kind, Object.keys(group).sort()]),
	);
	const { properties, ...rest } = description;
	const shown = (value: unknown) => (behaviourOnly ? withoutDisplayText(value) : value);
	const parameters = shown(asVersion(properties, version)) as INodeProperties[];
	return `${toJson({ description: shown(rest), methods: methodNames }, 1)}\n${parametersByOperation(parameters).join('\n')}\n`;
}
