import type {
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { errorBeforeSending } from '../../shared/errors';
import { withIdempotencyStep } from '../../shared/transport/idempotency';
import { requestBuildWorkPro } from '../../shared/transport/request';
import { openSession } from '../../shared/transport/session';
import { requestFromRouting } from '../routing/bridge';
import type { OperationText, Pager } from '../routing/hooks';
import { splitIdList } from '../routing/preSend';
import { operation } from '../description/operations';
import type { ResourceSpec } from '../description/resource';
import type { FileContext } from './downloads';
import { finishedJobItem } from './finishedJob';
import { jobHandleFrom, shouldWaitForCompletion } from './jobs';

/**
 * Bulk delete / restore: `POST /<family>/bulk {operation, ids}` takes at most 500 IDs; the IDs of
 * every input item are gathered and split into jobs of at most 500, one output item per job.
 */

/** The most IDs one `POST /<family>/bulk` takes (openapi: `ids` maxItems 500). */
export const MAX_IDS_PER_BULK_JOB = 500;

/** The IDs parameter of Bulk Delete / Bulk Restore: one ID or a list per input item. */
export function bulkIdsProperty(resource: ResourceSpec, verb: string): INodeProperties {
	return {
		displayName: `${resource.idLabel}s`,
		name: `${resource.idParameter}s`,
		type: 'string',
		required: true,
		default: '',
		placeholder: '12, 15, 19',
		hint: 'One ID per input item from an expression such as {{ $json.id }}, or a list',
		description: `IDs of the ${resource.noun}s to ${verb}, one per input item or separated by commas. The IDs of all input items are gathered and sent in jobs of at most ${MAX_IDS_PER_BULK_JOB}.`,
	};
}

/** How many items reach the node (the routing context holds one, its execute data all). */
function inputItemCount(context: IExecutePaginationFunctions): number {
	const items = context.getExecuteData?.()?.data?.main?.[0];
	return Array.isArray(items) && items.length > 0 ? items.length : 1;
}

/**
 * The IDs of every input item. A declarative operation runs once per item, and each run sees only
 * its own item's parameters; this one is evaluated for every item by the first run:
 * `evaluateExpression(expression, itemIndex)` and `getExecuteData()` exist on the routing
 * context in n8n-workflow 1.x and 2.x alike. The other items' runs contribute nothing.
 */
function idsOfAllItems(
	context: IExecutePaginationFunctions,
	parameter: string,
	label: string,
): Array<{ id: number; itemIndex: number }> {
	const raw = context.getNodeParameter(parameter, '', { rawExpressions: true }) as unknown;
	const count = inputItemCount(context);
	const seen = new Set<number>();
	const result: Array<{ id: number; itemIndex: number }> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const value =
			typeof raw === 'string' && raw.startsWith('=')
				? itemIndex === context.getItemIndex()
					? context.getNodeParameter(parameter, '')
					: context.evaluateExpression(raw.slice(1), itemIndex)
				: raw;
		const { parts, invalid } = splitIdList(value);
		if (invalid.length) {
			throw errorBeforeSending(
				context.getNode(),
				`${label} must be positive whole numbers, but item ${itemIndex + 1} has "${invalid.slice(0, 3).join('", "')}"`,
				{
					itemIndex,
					description: `Give one ID per item (such as {{ $json.id }}) or a list such as 12, 15, 19.`,
				},
			);
		}
		for (const part of parts) {
			const id = Number(part);
			if (!seen.has(id)) {
				seen.add(id);
				result.push({ id, itemIndex });
			}
		}
	}
	if (!result.length) {
		throw errorBeforeSending(
			context.getNode(),
			`${label} is empty for every item: there is nothing to change`,
			{
				itemIndex: context.getItemIndex(),
				description: 'Give at least one ID, such as {{ $json.id }}.',
			},
		);
	}
	return result;
}

function bulkPager(resource: ResourceSpec, bulkOperation: 'delete' | 'restore'): Pager {
	return async function (this: IExecutePaginationFunctions, requestData) {
		// Every item's IDs are sent by the first item's run (see idsOfAllItems).
		if (this.getItemIndex() !== 0) return [];
		const context = this as unknown as FileContext & IExecutePaginationFunctions;
		const request = requestFromRouting(this, requestData);
		const passthrough = request.passthrough ?? {};
		const ids = idsOfAllItems(this, `${resource.idParameter}s`, `${resource.idLabel}s`);
		const session = await openSession(this);
		const wait = shouldWaitForCompletion(this);
		const chunks: Array<typeof ids> = [];
		for (let start = 0; start < ids.length; start += MAX_IDS_PER_BULK_JOB)
			chunks.push(ids.slice(start, start + MAX_IDS_PER_BULK_JOB));
		const handles = [];
		// All jobs are started first: BuildWorkPro runs them side by side while the node waits.
		for (const [index, chunk] of chunks.entries()) {
			const what = `bulk ${bulkOperation} of ${chunk.length} ${resource.noun}s (job ${index + 1} of ${chunks.length})`;
			const started = await requestBuildWorkPro(
				withIdempotencyStep(this, `job-${index + 1}`),
				{
					...request,
					body: { operation: bulkOperation, ids: chunk.map((entry) => entry.id) },
					note: `While starting the ${what}.`,
				},
				session,
			);
			handles.push({ handle: jobHandleFrom(this, started.body), chunk, what });
		}
		const output: INodeExecutionData[] = [];
		// Max Wait holds for each job. BuildWorkPro runs the jobs side by side, so by the time the
		// first has ended the others have mostly ended too.
		for (const { handle, chunk, what } of handles) {
			const pairedItem = [...new Set(chunk.map((entry) => entry.itemIndex))].map((item) => ({
				item,
			}));
			const facts: IDataObject = { operation: bulkOperation, ids: chunk.map((entry) => entry.id) };
			if (!wait) {
				output.push({
					json: { jobId: handle.jobId, statusUrl: handle.statusUrl ?? null, ...facts },
					pairedItem,
				});
				continue;
			}
			output.push(
				await finishedJobItem(context, handle.jobId, session, passthrough, what, facts, pairedItem),
			);
		}
		return output;
	};
}

/**
 * Bulk Delete / Bulk Restore: `POST /<family>/bulk {operation, ids}`, the IDs of all input items
 * split into jobs of at most 500, one output item per job.
 */
export function bulkRecords(
	resource: ResourceSpec,
	text: OperationText,
	bulkOperation: 'delete' | 'restore',
): INodePropertyOptions {
	return operation(text, {
		method: 'POST',
		url: `${resource.path}/bulk`,
		pager: bulkPager(resource, bulkOperation),
	});
}
