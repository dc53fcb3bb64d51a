import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n sends the node's description to every editor, twice (the node and its Tool variant), so a
 * parameter that is the same for several operations or resources (Return All, Limit, Options,
 * Binary Property, …) is written once and shown for all of them. Each resource and operation
 * still shows exactly the parameters it showed before, in the same order.
 */

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

const showOf = (property: INodeProperties) => (property.displayOptions?.show ?? {}) as Show;

/** A text that is equal for two parameters only when they are the same but for `without`. */
function identity(property: INodeProperties, without: 'resource' | 'operation'): string {
	const show = { ...showOf(property) };
	delete show[without];
	const copy = { ...property, displayOptions: { ...property.displayOptions, show } };
	return JSON.stringify(copy, (_key, value: unknown) => {
		// Two routings that call different functions are different routings.
		if (typeof value !== 'function') return value;
		if (!functionIds.has(value)) functionIds.set(value, functionIds.size + 1);
		return `function#${functionIds.get(value)}`;
	});
}

const functionIds = new Map<unknown, number>();

interface Group {
	property: INodeProperties;
	/** Where its first member stood: ties in the order are broken by it. */
	firstIndex: number;
}

/** Merges parameters equal but for `key` into one that is shown for all their values of `key`. */
function mergeBy(
	groups: Group[],
	key: 'resource' | 'operation',
): { groups: Group[]; of: Map<Group, Group> } {
	const byIdentity = new Map<string, Group>();
	const of = new Map<Group, Group>();
	const merged: Group[] = [];
	for (const group of groups) {
		const show = showOf(group.property);
		if (!show.resource || !show.operation) {
			merged.push(group);
			of.set(group, group);
			continue;
		}
		const id = identity(group.property, key);
		const existing = byIdentity.get(id);
		if (!existing) {
			const copy = { ...group, property: { ...group.property } };
			byIdentity.set(id, copy);
			merged.push(copy);
			of.set(group, copy);
			continue;
		}
		const values = showOf(existing.property)[key] ?? [];
		const added = (show[key] ?? []).filter((value) => !values.includes(value));
		existing.property = {
			...existing.property,
			displayOptions: {
				...existing.property.displayOptions,
				show: { ...showOf(existing.property), [key]: [...values, ...added] },
			},
		};
		of.set(group, existing);
	}
	return { groups: merged, of };
}

/**
 * The merged parameters in an order that keeps, for every resource and operation, the order its
 * parameters had: a topological order of "shown before" within each operation, earliest first.
 */
function ordered(groups: Group[], sequences: Group[][]): INodeProperties[] {
	const after = new Map<Group, Set<Group>>(groups.map((group) => [group, new Set()]));
	const before = new Map<Group, number>(groups.map((group) => [group, 0]));
	for (const sequence of sequences) {
		for (let i = 1; i < sequence.length; i++) {
			const [first, next] = [sequence[i - 1], sequence[i]];
			if (first === next || after.get(first)?.has(next)) continue;
			after.get(first)?.add(next);
			before.set(next, (before.get(next) ?? 0) + 1);
		}
	}
	const result: INodeProperties[] = [];
	let ready = groups.filter((group) => before.get(group) === 0);
	while (ready.length) {
		ready.sort((a, b) => a.firstIndex - b.firstIndex);
		const [next, ...rest] = ready;
		result.push(next.property);
		ready = rest;
		for (const follower of after.get(next) ?? []) {
			const left = (before.get(follower) ?? 0) - 1;
			before.set(follower, left);
			if (left === 0) ready.push(follower);
		}
	}
	if (result.length !== groups.length) {
		throw new Error('Shared parameters would change the order of some operation: keep them apart');
	}
	return result;
}

/** The parameters each resource and operation shows, in order. */
function shownSequences(properties: INodeProperties[]): number[][] {
	const pairs = new Set<string>();
	for (const property of properties) {
		const { resource = [], operation = [] } = showOf(property);
		for (const r of resource)
			for (const o of operation) pairs.add(`${String(r)}\u0000${String(o)}`);
	}
	return [...pairs].map((pair) => {
		const [resource, operation] = pair.split('\u0000');
		return properties
			.map((property, index) => ({ show: showOf(property), index }))
			.filter(({ show }) => {
				if (!show.resource && !show.operation) return true;
				return (
					(show.resource ?? []).map(String).includes(resource) &&
					(!show.operation || show.operation.map(String).includes(operation))
				);
			})
			.map(({ index }) => index);
	});
}

/** The same parameters with each one that several resources or operations share written once. */
export function shareIdenticalParameters(properties: INodeProperties[]): INodeProperties[] {
	const originals: Group[] = properties.map((property, firstIndex) => ({ property, firstIndex }));
	const byOperation = mergeBy(originals, 'operation');
	const byResource = mergeBy(byOperation.groups, 'resource');
	const groupOf = (index: number) => {
		const first = byOperation.of.get(originals[index]) as Group;
		return byResource.of.get(first) as Group;
	};
	const sequences = shownSequences(properties).map((sequence) => sequence.map(groupOf));
	return ordered(byResource.groups, sequences);
}
