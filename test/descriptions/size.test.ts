/**
 * n8n sends every node's description to every editor, and ours twice (the node and its Tool
 * variant). Version 2 came with a budget: both versions together no larger than version 1 alone
 * was (403,659 bytes of JSON before version 2).
 */
import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';

const BUDGET_BYTES = 404 * 1000;

it('the action node description, both versions together, stays within 404 KB of JSON', () => {
	const bytes = Buffer.byteLength(JSON.stringify(new BuildWorkPro().description));
	console.log(`BuildWorkPro description: ${bytes} bytes`);
	expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
});
