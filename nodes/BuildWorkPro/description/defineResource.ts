import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { fieldLabelsOf } from './fieldLabels';
import { forOperations, operationSelector, optionsProperties, recordIdProperty } from './fields';
import { genericOperations } from './genericOperations';
import type { GenericOperations } from './genericOperations';
import type { Operation } from './operations';
import { lineage } from './resource';
import type { ResourceSpec } from './resource';

export interface ResourceDeclaration {
	resource: ResourceSpec;
	/** Its name in the Resource list: 'Bid Line Item'. */
	name: string;
	/** Its operations with words of their own, one file each. */
	operations: Operation[];
	/** The generic operations it offers (Export, Count, …), see `GenericOperations`. */
	generic?: GenericOperations;
	/** The operation selected at first, when the resource has no Get Many. */
	defaultOperation?: string;
	/** The record ID's description and placeholder, where 'ID of the <noun>' and 1042 do not fit. */
	recordId?: { description: string; placeholder?: string };
	/** The parent's ID's description: whose records these are. */
	parentIdDescription?: string;
}

export interface DefinedResource {
	/** What its operations know about it: value, noun, path, ID parameter, parent. */
	spec: ResourceSpec;
	/** Its entry in the Resource list. */
	option: INodePropertyOptions;
	/** Every operation, generic ones included. */
	operations: Operation[];
	/** The operation selector and every operation's parameters. */
	properties: INodeProperties[];
	/** Each field's label by BuildWorkPro's name for it, for the words of validation errors. */
	fieldLabels: ReadonlyMap<string, string | null>;
}

function idProperty(record: ResourceSpec, declaration: ResourceDeclaration): INodeProperties {
	if (record !== declaration.resource)
		return recordIdProperty(record, declaration.parentIdDescription);
	const { description, placeholder } = declaration.recordId ?? {};
	return { ...recordIdProperty(record, description), ...(placeholder ? { placeholder } : {}) };
}

/**
 * A resource's description, derived from its operations alone: the selector lists them, each ID
 * is shown for the operations whose URL uses it, each operation's fields for it, and Options
 * carries the Idempotency Key for those that write. Within an operation the order is the IDs
 * (outermost first), its fields, then Options.
 */
export function defineResource(declaration: ResourceDeclaration): DefinedResource {
	const { resource, name, generic = {} } = declaration;
	const operations = [...declaration.operations, ...genericOperations(resource, generic)];
	const valuesOf = (matching: (operation: Operation) => boolean) =>
		operations.filter(matching).map((operation) => String(operation.option.value));
	const idProperties = lineage(resource).flatMap((record) => {
		const identified = valuesOf((operation) => operation.identifiedBy.includes(record));
		return identified.length
			? forOperations(resource, identified, [idProperty(record, declaration)])
			: [];
	});
	const parameters = [
		...idProperties,
		...operations.flatMap((operation) =>
			forOperations(resource, [String(operation.option.value)], operation.fields),
		),
		...optionsProperties(
			resource,
			valuesOf((operation) => operation.writes),
			valuesOf((operation) => !operation.writes),
		),
	];
	return {
		spec: resource,
		option: { name, value: resource.value },
		operations,
		properties: [
			operationSelector(
				resource,
				operations.map((operation) => operation.option),
				declaration.defaultOperation,
			),
			...parameters,
		],
		fieldLabels: fieldLabelsOf(parameters),
	};
}
