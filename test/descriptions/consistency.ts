/**
 * What every resource's description must hold, checked from what the editor will show: for each
 * operation of its selector, the parameters visible there. The truth it is checked against is the
 * operation itself (its routing and its declared fields), not the lists a description is built
 * from, so a list that was forgotten or got out of step shows up as a problem here.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import type { DefinedResource } from '../../nodes/BuildWorkPro/description/defineResource';

type Shown = Record<string, unknown[] | undefined>;

const showOf = (property: INodeProperties) => (property.displayOptions?.show ?? {}) as Shown;

/** The parameters an URL puts into the path: `=/bids/{{ …$parameter.bidId… }}` → ['bidId']. */
function pathParameters(url: string): string[] {
	return [...url.matchAll(/\$parameter\.(\w+)/g)].map((match) => match[1]);
}

/**
 * Whether the operation changes data: every method but GET does, except a lookup sent as POST
 * only because its IDs do not fit in a query string (`…/get-many`).
 */
function writes(option: INodePropertyOptions): boolean {
	const { method = 'GET', url = '' } = option.routing?.request ?? {};
	return method !== 'GET' && !String(url).endsWith('/get-many');
}

function optionNames(property: INodeProperties): string[] {
	return ((property.options ?? []) as Array<INodeProperties | INodePropertyCollection>).map(
		(option) => option.name,
	);
}

/** Every way the description of this resource disagrees with its operations; none when sound. */
export function descriptionProblems({ option, operations, properties }: DefinedResource): string[] {
	const resource = String(option.value);
	const problems: string[] = [];
	const selectors = properties.filter((property) => property.name === 'operation');
	if (selectors.length !== 1) return [`${resource}: ${selectors.length} operation selectors`];
	const [selector] = selectors;
	const offered = (selector.options ?? []) as INodePropertyOptions[];
	const values = offered.map((entry) => String(entry.value));
	const parameters = properties.filter((property) => property !== selector);

	for (const property of parameters) {
		const shown = showOf(property);
		if (!shown.resource?.includes(resource))
			problems.push(`${resource}: ${property.name} is not limited to the ${resource} resource`);
		if (!shown.operation) {
			problems.push(`${resource}: ${property.name} is shown for every operation`);
			continue;
		}
		for (const value of shown.operation)
			if (!values.includes(String(value)))
				problems.push(
					`${resource}: ${property.name} is shown for ${String(value)}, which the resource does not have`,
				);
	}

	for (const entry of offered) {
		const where = `${resource}.${String(entry.value)}`;
		const visible = parameters.filter((property) =>
			showOf(property).operation?.includes(entry.value),
		);
		const names = visible.map((property) => property.name);
		const isVisible = (name: string) => names.includes(name);

		const declared = operations.find((operation) => operation.option === entry);
		if (!declared) problems.push(`${where} is in the selector but not among the operations`);
		for (const field of declared?.fields ?? [])
			if (!isVisible(field.name)) problems.push(`${where}: its field ${field.name} is not shown`);

		for (const id of pathParameters(String(entry.routing?.request?.url ?? '')))
			if (!visible.some((property) => property.name === id && property.required))
				problems.push(`${where}: ${id}, which its URL uses, is not shown as a required parameter`);

		for (const name of new Set(names))
			if (names.filter((other) => other === name).length > 1)
				problems.push(`${where}: ${name} is shown more than once`);

		const optionCollections = visible.filter((property) => property.name === 'options');
		if (optionCollections.length !== 1) {
			problems.push(`${where}: ${optionCollections.length} Options collections`);
			continue;
		}
		const choices = optionNames(optionCollections[0]);
		const expected = writes(entry) ? ['idempotencyKey', 'maxWait'] : ['maxWait'];
		if (choices.join() !== expected.join())
			problems.push(
				`${where}: Options has ${choices.join(', ')} but a ${writes(entry) ? 'mutation' : 'read'} needs ${expected.join(', ')}`,
			);
	}

	for (const operation of operations)
		if (!offered.includes(operation.option))
			problems.push(`${resource}.${String(operation.option.value)} is missing from the selector`);
	return problems;
}
