/**
 * What an AI Agent reads: n8n turns each operation's description into the tool's description, so
 * every operation says what it does, what it needs and what it returns, and destructive ones say so
 * first, so that a planner can treat them with care.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';

const { properties } = new BuildWorkPro().description;
const operations = properties
	.filter((property) => property.name === 'operation')
	.flatMap((selector) =>
		(selector.options as INodePropertyOptions[]).map((option) => ({
			key: `${selector.displayOptions?.show?.resource?.[0]}.${option.value}`,
			option,
			description: String(option.description ?? ''),
		})),
	);
const DESTRUCTIVE = new Set(['delete', 'void', 'bulkDelete']);
const PLACEHOLDER = /\b(todo|tbd|fixme|lorem|placeholder|description here)\b/i;

it('covers every operation of every resource', () => {
	expect(operations.length).toBeGreaterThanOrEqual(19);
});

it.each(operations.map((operation) => [operation.key, operation]))(
	'%s says what it does, needs and returns',
	(_key, operation) => {
		const { description, option } = operation as (typeof operations)[number];
		expect(description.length).toBeGreaterThanOrEqual(50);
		expect(description).not.toMatch(PLACEHOLDER);
		expect(description).not.toBe(option.action);
		expect(description).toMatch(/\bReturns?\b/);
	},
);

it.each(
	operations
		.filter((operation) => DESTRUCTIVE.has(String(operation.option.value)))
		.map((operation) => [operation.key, operation]),
)('%s is labelled destructive', (_key, operation) => {
	expect((operation as (typeof operations)[number]).description).toMatch(/^Destructive: /);
});
