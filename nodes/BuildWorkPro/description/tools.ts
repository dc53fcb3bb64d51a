import type {
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	UsableAsToolDescription,
} from 'n8n-workflow';

import { toolDetailOf } from './operations';
import { simplifiedFieldsText } from '../routing/simplifiedFields';

/**
 * The parameters of the node's Tool variant (what an AI Agent calls). n8n describes a tool to the
 * model by the action of its operation ("Accept a bid in BuildWorkPro"); here each action also says
 * what the operation does, needs and returns. The node itself keeps the short actions, so the
 * editor and the node creator stay readable and the description n8n sends stays small.
 */
export function forTools(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		if (property.name !== 'operation') return property;
		const resource = String(property.displayOptions?.show?.resource?.[0]);
		const fields = simplifiedFieldsText(resource);
		return {
			...property,
			options: (property.options as INodePropertyOptions[]).map((option) => {
				const detail = toolDetailOf(option);
				if (!detail) return option;
				const simplified =
					fields && (option.value === 'get' || option.value === 'getAll')
						? ` With Simplify on (node version 2's default) each record has only: ${fields}.`
						: '';
				// n8n appends " in BuildWorkPro": no full stop before it.
				const told = `${detail}${simplified}`.replace(/\.$/, '');
				return { ...option, action: `${option.action}: ${told}` };
			}),
		};
	});
}

/**
 * `usableAsTool` with the Tool variant's parameters. n8n builds the variant from the node's
 * description with `replacements` spread over it; the replacements are not enumerable, so the
 * node's own description, which n8n sends to every editor as JSON, does not carry a second copy
 * of every parameter (the variant is sent separately anyway).
 */
export function usableAsToolWith(properties: INodeProperties[]): UsableAsToolDescription {
	const usableAsTool: UsableAsToolDescription = {};
	Object.defineProperty(usableAsTool, 'replacements', {
		value: { properties: forTools(properties) } as Partial<INodeTypeDescription>,
		enumerable: false,
	});
	return usableAsTool;
}
