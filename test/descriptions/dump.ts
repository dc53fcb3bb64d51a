/**
 * The nodes' descriptions as JSON, as n8n reads them: what saved workflows and the editor depend
 * on. Functions in routing (pre-send checks, pagers) are written by name, so a swapped or lost
 * step shows up too.
 */
import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { BuildWorkProTrigger } from '../../nodes/BuildWorkProTrigger/BuildWorkProTrigger.node';

export const DUMPED_NODES = {
	buildWorkPro: () => new BuildWorkPro(),
	buildWorkProTrigger: () => new BuildWorkProTrigger(),
};

/** The node's description, and the names of its methods, as stable, diffable JSON. */
export function dumpNode(node: object): string {
	const { description, methods } = node as {
		description: unknown;
		methods?: Record<string, Record<string, unknown>>;
	};
	const methodNames = Object.fromEntries(
		Object.entries(methods ?? {}).map(([kind, group]) => [kind, Object.keys(group).sort()]),
	);
	return `${JSON.stringify(
		{ description, methods: methodNames },
		(_key, value: unknown) =>
			typeof value === 'function' ? `[function ${value.name || 'anonymous'}]` : value,
		1,
	)}\n`;
}
