/**
 * What the trigger shows in the editor before anything runs: the subtitle under its name on the
 * canvas, the notice and hints in its panel, and the order of its events in the panel and in
 * n8n's node creator (which lists every Events option as "On <event>").
 */
import { Workflow, type INode, type INodeTypes } from 'n8n-workflow';

import { BuildWorkProTrigger } from '../../nodes/BuildWorkProTrigger/BuildWorkProTrigger.node';
import {
	BUILDWORKPRO_EVENT_TYPES,
	EVENT_OPTIONS,
	SUBTITLE_MAX_LENGTH,
} from '../../nodes/BuildWorkProTrigger/events';

const trigger = new BuildWorkProTrigger();
const { description } = trigger;

/** The subtitle as n8n's editor computes it for a node on the canvas. */
function subtitleFor(events: unknown): string {
	const node: INode = {
		id: 'trigger-1',
		name: 'BuildWorkPro Trigger',
		type: 'n8n-nodes-buildworkpro.buildWorkProTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { events } as INode['parameters'],
	};
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return String(
		workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {}),
	);
}

describe('the trigger on the canvas', () => {
	it('shows the default contact events in words, not as their API types', () => {
		expect(subtitleFor(['contact.created', 'contact.updated', 'contact.deleted'])).toBe(
			'All Contact events',
		);
	});

	it('shows one event by the name the panel uses', () => {
		expect(subtitleFor(['bid.accepted'])).toBe('Bid Accepted');
		expect(subtitleFor(['pay_app.approved'])).toBe('Pay Application Approved');
	});

	it('names the events of one resource while that fits under the node, else counts them', () => {
		expect(subtitleFor(['bid.accepted', 'bid.rejected'])).toBe('Bid: Accepted, Rejected');
		expect(subtitleFor(['bid.created', 'bid.accepted', 'bid.rejected', 'bid.expired'])).toBe(
			'4 Bid events',
		);
		for (const subtitle of [
			subtitleFor(['bid.accepted', 'bid.rejected']),
			subtitleFor(['pay_app.submitted', 'pay_app.approved']),
		])
			expect(subtitle.length).toBeLessThanOrEqual(SUBTITLE_MAX_LENGTH);
	});

	it('counts events of several resources instead of a list that would be cut off', () => {
		expect(subtitleFor(['bid.accepted', 'pay_app.approved', 'change_order.approved'])).toBe(
			'3 events',
		);
	});

	it('shows nothing for no events rather than an error', () => {
		expect(subtitleFor([])).toBe('');
	});
});

describe('the trigger panel', () => {
	const notice = description.properties.find((property) => property.type === 'notice');
	const panel = description.triggerPanel as Exclude<
		typeof description.triggerPanel,
		boolean | undefined
	>;
	const panelTexts = [
		panel.header,
		...Object.values(panel.executionsHelp as Record<string, string>),
		...Object.values(panel.activationHint as Record<string, string>),
	];

	it('has one notice, true wherever the node runs: the scope it needs and what publishing does', () => {
		expect(description.properties.filter((property) => property.type === 'notice')).toHaveLength(1);
		expect(notice?.displayName).toMatch(/"webhooks:manage" scope/);
		expect(notice?.displayName).toMatch(/Publishing the workflow registers/);
	});

	it('does not ask for a public HTTPS address or WEBHOOK_URL up front (a local sandbox delivers to 127.0.0.1)', () => {
		// Where it applies, publishing says so: see "registration errors speak to the user".
		for (const text of [notice?.displayName, ...panelTexts]) {
			expect(text).not.toMatch(/https|WEBHOOK_URL|public/i);
		}
	});

	it("says how to make an event happen, also without BuildWorkPro's web app: with the BuildWorkPro node", () => {
		const activation = panel.activationHint as { active: string; inactive: string };
		for (const hint of [activation.inactive, activation.active]) {
			expect(hint).toMatch(/Click "Execute step"/);
			expect(hint).toMatch(/from another workflow with the BuildWorkPro node \(Contact → Create/);
		}
		expect((panel.executionsHelp as { inactive: string }).inactive).toMatch(
			/with the BuildWorkPro node/,
		);
	});
});

describe("the trigger's events in the panel and the node creator", () => {
	const names = EVENT_OPTIONS.map((option) => option.name);

	it('lists the three contact events (the default) first', () => {
		expect(names.slice(0, 3)).toEqual(['Contact Created', 'Contact Updated', 'Contact Deleted']);
	});

	it("groups events by resource, in the order of the construction workflow, each in BuildWorkPro's own order", () => {
		const resources = EVENT_OPTIONS.map((option) => String(option.value).split('.')[0]);
		const runs = resources.filter((resource, index) => resource !== resources[index - 1]);
		expect(runs).toEqual([
			'contact',
			'lead',
			'bid',
			'project',
			'change_order',
			'pay_app',
			'product',
		]);
		expect(names.slice(6, 15)).toEqual([
			'Bid Created',
			'Bid Updated',
			'Bid Deleted',
			'Bid Accepted',
			'Bid Acceptance Reverted',
			'Bid Rejected',
			'Bid Expired',
			'Bid Cancelled',
			'Bid Reopened',
		]);
	});

	it('still offers every event type exactly once (the values are what saved workflows hold)', () => {
		expect(EVENT_OPTIONS.map((option) => option.value).sort()).toEqual(
			[...BUILDWORKPRO_EVENT_TYPES].sort(),
		);
	});
});
