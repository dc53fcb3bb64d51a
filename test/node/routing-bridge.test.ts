/**
 * The declarative bridge: every operation hands its request to a hook of ours
 * (routing.operations.pagination), so n8n runs none of the routing's output steps itself. A step
 * the hook would not run (a declarative postReceive such as n8n's own nodes use, a postReceive
 * function on a hook that runs none, a request setting the transport decides itself) stops the
 * operation with an error naming it, before anything is sent: it is never silently dropped.
 */
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	PostReceiveAction,
} from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { loadOptions } from '../../nodes/BuildWorkPro/methods';
import { sendSingleRequest } from '../../nodes/BuildWorkPro/routing/bridge';
import type { Pager } from '../../nodes/BuildWorkPro/routing/hooks';
import { fetchAllPages } from '../../nodes/BuildWorkPro/routing/pagination';
import { registerNodeType, runNode } from '../harness';
import { apiKeyCredentials, apiRequests, useSandbox } from './support';

/** What an operation's `routing.output.postReceive` takes: functions and declarative steps. */
type PostReceive = NonNullable<NonNullable<INodeProperties['routing']>['output']>['postReceive'];

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

async function markChecked(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, checked: true } }));
}

/** An operation of the probe: GET /me sent by `pagination` (default sendSingleRequest). */
function probeOperation(
	value: string,
	{
		postReceive,
		pagination = sendSingleRequest,
		request = {},
	}: {
		postReceive?: PostReceive;
		pagination?: Pager;
		request?: Partial<IHttpRequestOptions>;
	},
): INodePropertyOptions {
	return {
		name: value,
		value,
		routing: {
			request: { method: 'GET', url: '/me', ...request },
			send: { paginate: true },
			...(postReceive ? { output: { postReceive } } : {}),
			operations: { pagination },
		},
	};
}

const probeOperations: INodePropertyOptions[] = [
	probeOperation('rootProperty', {
		postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }],
	}),
	probeOperation('setKeyValue', {
		postReceive: [
			markChecked,
			{ type: 'setKeyValue', properties: { name: '={{ $responseItem.id }}' } },
		],
	}),
	probeOperation('functionOnList', { postReceive: [markChecked], pagination: fetchAllPages }),
	probeOperation('requestSetting', { request: { json: false } }),
	probeOperation('functionStep', { postReceive: [markChecked] }),
];

/** A declarative node like ours, whose operations are the cases above. */
const probeType = (() => {
	const { description } = new BuildWorkPro();
	const probe: INodeType = {
		description: {
			...description,
			name: 'buildWorkProBridgeProbe',
			credentials: [{ name: 'buildWorkProApi', required: true }],
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: probeOperations,
					default: 'functionStep',
				},
			],
		},
	};
	return registerNodeType(probe);
})();

async function runProbe(operation: string) {
	return await runNode({
		type: probeType,
		parameters: { operation },
		credentials: apiKeyCredentials(env.sandbox.baseUrl, env.sandbox.keys.full),
	});
}

describe('steps the bridge would not run are refused, by name, before anything is sent', () => {
	it.each([
		['rootProperty', 'a declarative postReceive step of type "rootProperty"'],
		['setKeyValue', 'a declarative postReceive step of type "setKeyValue"'],
		['functionOnList', 'a postReceive function (markChecked)'],
		['requestSetting', 'the request setting "json"'],
	])('%s', async (operation, what) => {
		const result = await runProbe(operation);

		expect(result.error?.message).toBe(
			`This operation's routing has ${what}, which the node cannot run`,
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.description).toMatch(/Nothing was sent to BuildWorkPro\.$/);
		expect(result.json).toEqual([]);
		expect(apiRequests(env.sandbox)).toEqual([]);
	});

	it('a postReceive function on a single request still runs', async () => {
		const result = await runProbe('functionStep');

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ checked: true });
		expect(apiRequests(env.sandbox).map((entry) => entry.path)).toEqual(['/api/v1/me']);
	});
});

/** Every `routing` in a description, with where it is. */
function routings(
	properties: Array<INodeProperties | INodePropertyOptions>,
	path: string,
): Array<{ path: string; routing: NonNullable<INodeProperties['routing']> }> {
	return properties.flatMap((property) => {
		const here = `${path}/${'value' in property ? String(property.value) : property.name}`;
		const own = property.routing ? [{ path: here, routing: property.routing }] : [];
		const options = ('options' in property ? (property.options ?? []) : []) as Array<
			INodeProperties | INodePropertyOptions
		>;
		const nested = options.filter((option) => typeof option === 'object' && option !== null);
		return [...own, ...routings(nested, here)];
	});
}

/** Every parameter of a description, nested ones (collections, fixed collections) included. */
function allProperties(properties: unknown[]): INodeProperties[] {
	return properties.flatMap((property) => {
		if (typeof property !== 'object' || property === null) return [];
		const { options, values } = property as { options?: unknown; values?: unknown };
		const nested = [options, values].flatMap((list) => (Array.isArray(list) ? list : []));
		return [property as INodeProperties, ...allProperties(nested)];
	});
}

describe("the node's own operations use only what the bridge runs", () => {
	const { description } = new BuildWorkPro() as { description: INodeTypeDescription };
	const all = routings(description.properties, '');

	it('every operation is sent by one of our hooks', () => {
		const operations = all.filter(({ routing }) => routing.request?.url !== undefined);
		expect(operations.length).toBeGreaterThan(190);
		for (const { path, routing } of operations) {
			expect([path, typeof routing.operations?.pagination]).toEqual([path, 'function']);
		}
	});

	it('postReceive steps are functions, and only on single requests (sendSingleRequest)', () => {
		for (const { path, routing } of all) {
			const steps: Array<PostReceiveAction | ((...args: never[]) => unknown)> =
				routing.output?.postReceive ?? [];
			if (steps.length === 0) continue;
			expect([path, routing.operations?.pagination]).toEqual([path, sendSingleRequest]);
			for (const step of steps) expect([path, typeof step]).toEqual([path, 'function']);
		}
	});

	it("record pickers load through our methods (and so the transport), never n8n's routing engine", () => {
		const pickers = allProperties(description.properties).filter(
			(property) => property.typeOptions?.loadOptions || property.typeOptions?.loadOptionsMethod,
		);
		expect(pickers.length).toBeGreaterThan(0);
		for (const picker of pickers) {
			expect([picker.name, picker.typeOptions?.loadOptions]).toEqual([picker.name, undefined]);
			expect(Object.keys(loadOptions)).toContain(picker.typeOptions?.loadOptionsMethod);
		}
	});
});
