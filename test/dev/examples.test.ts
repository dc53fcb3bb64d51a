/**
 * How `npm run dev` tells whether an example workflow was changed in the editor (n8n 2.x saves
 * every edit), and what it prints about a run.
 */
import type { ExecutionDetails, SavedWorkflow } from '../../e2e/lib/n8nWorkflows';
import { chain } from '../../e2e/lib/n8nWorkflows';
import { describeRun, exampleChanges, exampleWorkflows } from '../../scripts/dev';

const credential = { id: 'cred-1', name: 'BuildWorkPro sandbox', type: 'buildWorkProApi' };
const definitions = exampleWorkflows(credential);

/** An example as n8n stores it after dev created it, with `edit` applied as the editor would. */
function saved(
	key: keyof typeof definitions,
	edit: (workflow: SavedWorkflow) => void = () => undefined,
): SavedWorkflow {
	const workflow = {
		id: 'wf-1',
		name: 'example',
		versionId: 'v1',
		active: false,
		...chain(definitions[key]),
	} as SavedWorkflow;
	const copy = JSON.parse(JSON.stringify(workflow)) as SavedWorkflow;
	edit(copy);
	return copy;
}
const node = (workflow: SavedWorkflow, name: string) =>
	workflow.nodes.find((candidate) => candidate.name === name)!;

describe('an example changed in the editor', () => {
	it('is unchanged when the editor only moved a node or saved it without its default values', () => {
		const moved = saved('create', (workflow) => {
			workflow.nodes[0].position = [400, 300];
			const { resource: _default, ...rest } = node(workflow, 'Create a contact')
				.parameters as Record<string, unknown>;
			node(workflow, 'Create a contact').parameters = rest;
		});
		expect(exampleChanges(moved, definitions.create, credential)).toEqual([]);
	});

	it('names the changed fields as the panel labels them, and a swapped credential', () => {
		const edited = saved('list', (workflow) => {
			node(workflow, 'Get many contacts').parameters = {
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 5,
			};
			node(workflow, 'Get many contacts').credentials = {
				buildWorkProApi: { id: 'cred-2', name: 'My real key' },
			};
		});
		expect(exampleChanges(edited, definitions.list, credential)).toEqual([
			'"Get many contacts": Return All, Limit changed',
			'"Get many contacts" uses the credential "My real key" instead of "BuildWorkPro sandbox"',
		]);
	});

	it('notices a credential that was deleted and made again, a deactivated node, pinned data and an added node', () => {
		const edited = saved('list', (workflow) => {
			node(workflow, 'Get many contacts').credentials = {
				buildWorkProApi: { id: 'cred-old', name: 'BuildWorkPro sandbox' },
			};
			node(workflow, 'Get many contacts').disabled = true;
			workflow.pinData = { 'Get many contacts': [{ json: {} }] };
			workflow.nodes.push({
				id: 'x',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [600, 0],
				parameters: {},
			});
		});
		expect(exampleChanges(edited, definitions.list, credential)).toEqual([
			'"Get many contacts" is deactivated',
			'"Get many contacts" uses a "BuildWorkPro sandbox" credential that no longer exists',
			'node "Code" was added',
			'"Get many contacts" has pinned data (the run would not call the sandbox)',
		]);
	});

	it("notices the trigger's events and a removed connection", () => {
		const edited = saved('trigger', (workflow) => {
			node(workflow, 'BuildWorkPro Trigger').parameters = {
				events: ['bid.accepted'],
				output: 'record',
			};
			workflow.connections = {};
		});
		expect(exampleChanges(edited, definitions.trigger, credential)).toEqual([
			'"BuildWorkPro Trigger": Events changed',
			'its connections changed',
		]);
	});
});

describe('what dev prints about a run', () => {
	const run = (fields: Partial<ExecutionDetails>): ExecutionDetails =>
		({
			id: '5',
			status: 'success',
			mode: 'manual',
			workflowId: 'wf-1',
			output: {},
			raw: {},
			...fields,
		}) as ExecutionDetails;

	it('counts the contacts of a successful list', () => {
		const listed = run({ output: { 'Get many contacts': [{ id: 1 }, { id: 2 }] } });
		expect(describeRun(listed, 'Get many contacts', (n) => `${n} contacts`)).toBe(
			'success, 2 contacts',
		);
	});

	it("gives n8n's reason and the node for a failed run, not just 'error'", () => {
		const failed = run({
			status: 'error',
			error: {
				message: 'BuildWorkPro rejected the API key',
				node: { name: 'Get many contacts' } as never,
			},
		});
		expect(describeRun(failed, 'Get many contacts')).toBe(
			'error in "Get many contacts": BuildWorkPro rejected the API key',
		);
	});
});
