import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

/**
 * The label of each field among a resource's parameters (and the fields inside its collections),
 * by the name BuildWorkPro gives it: the property a parameter sends, else its own name. `null`
 * where one name has several labels within the resource, so that no error guesses between them.
 */
export function fieldLabelsOf(
	properties: ReadonlyArray<INodeProperties | INodePropertyOptions | INodePropertyCollection>,
	labels = new Map<string, string | null>(),
): Map<string, string | null> {
	for (const property of properties) {
		if ('values' in property) {
			fieldLabelsOf(property.values, labels);
			continue;
		}
		if (!('type' in property)) continue;
		if (property.type === 'collection' || property.type === 'fixedCollection') {
			fieldLabelsOf(property.options ?? [], labels);
			continue;
		}
		const sent = property.routing?.send?.property;
		const name = typeof sent === 'string' && !sent.startsWith('=') ? sent : property.name;
		const known = labels.get(name);
		labels.set(
			name,
			known === undefined || known === property.displayName ? property.displayName : null,
		);
	}
	return labels;
}
