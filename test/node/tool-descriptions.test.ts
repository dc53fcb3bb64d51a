/**
 * What an AI Agent reads. n8n describes a tool to the model by the action of its operation
 * (`getToolDescriptionForNode`: "<action> in BuildWorkPro", unless the user writes a description),
 * so in the Tool variant every action says what the operation does, what it needs and what it
 * returns, and destructive ones say so first. The node's own Operation list stays short.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';

const node = new BuildWorkPro();

/** The Tool variant as n8n builds it: the description with `usableAsTool.replacements` over it. */
const toolDescription = {
	...node.description,
	...(node.description.usableAsTool as { replacements?: Partial<INodeTypeDescription> })
		.replacements,
	name: 'buildWorkProTool',
} as INodeTypeDescription;

const operations = node.description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((selector) =>
		(selector.options as INodePropertyOptions[]).map((option) => ({
			resource: String(selector.displayOptions?.show?.resource?.[0]),
			option,
		})),
	);

/** What the model is told about the tool for this resource and operation. */
function toldToTheModel(resource: string, operation: string): string {
	const toolNode = {
		parameters: { resource, operation, descriptionType: 'auto' },
	} as unknown as INode;
	return NodeHelpers.getToolDescriptionForNode(toolNode, { description: toolDescription });
}

const DESTRUCTIVE = new Set(['delete', 'void', 'bulkDelete']);
const PLACEHOLDER = /\b(todo|tbd|fixme|lorem|placeholder|description here)\b/i;

it('covers every operation of every resource', () => {
	expect(operations.length).toBeGreaterThanOrEqual(198);
});

it('keeps the Tool variant out of the description n8n sends as JSON', () => {
	expect(JSON.stringify(node.description.usableAsTool)).toBe('{}');
	expect(toolDescription.properties).not.toBe(node.description.properties);
});

it.each(
	operations.map(({ resource, option }) => [`${resource}.${option.value}`, resource, option]),
)(
	'%s tells the model what it does, needs and returns, and people a short action',
	(_key, resource, option) => {
		const { action, value, description } = option as INodePropertyOptions;
		const told = toldToTheModel(resource as string, String(value));
		expect(told.startsWith(`${action}: `)).toBe(true);
		expect(told.endsWith(' in BuildWorkPro')).toBe(true);
		expect(told.length).toBeGreaterThanOrEqual(60);
		expect(told).not.toMatch(PLACEHOLDER);
		expect(told).toMatch(/\bReturns?\b/);
		if (DESTRUCTIVE.has(String(value))) expect(told).toMatch(/: Destructive: /);
		// The Operation list shows the action itself, as n8n's own nodes do.
		expect(description).toBe(action);
	},
);
