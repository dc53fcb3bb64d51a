/**
 * n8n's deduplication store (`this.helpers.checkProcessedAndRecord`) for harness executions: in
 * memory, one list per scope (workflow, or workflow + node), the newest `maxEntries` kept, as
 * n8n's database-backed store does in 'entries' mode. n8n initialises it at start-up; without it
 * the helper throws.
 */
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

const lists = new Map<string, string[]>();

function keyOf(scope: DeduplicationScope, { workflow, node }: ICheckProcessedContextData): string {
	return scope === 'node' ? `${workflow.id}:node:${node?.id ?? ''}` : `${workflow.id}:workflow`;
}

const inMemoryDeduplicator: IDataDeduplicator = {
	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = keyOf(scope, contextData);
		const list = lists.get(key) ?? [];
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const value = String(item);
			if (list.includes(value)) output.processed.push(item);
			else {
				output.new.push(item);
				list.push(value);
			}
		}
		if (options.maxEntries !== undefined && list.length > options.maxEntries)
			list.splice(0, list.length - options.maxEntries);
		lists.set(key, list);
		return output;
	},
	async removeProcessed(items, scope, contextData) {
		const key = keyOf(scope, contextData);
		const remove = new Set(items.map(String));
		lists.set(
			key,
			(lists.get(key) ?? []).filter((value) => !remove.has(value)),
		);
	},
	async clearAllProcessedItems(scope, contextData) {
		lists.delete(keyOf(scope, contextData));
	},
	async getProcessedDataCount(scope, contextData) {
		return (lists.get(keyOf(scope, contextData)) ?? []).length;
	},
};

/** Initialises n8n-core's deduplication service once per test file (it refuses a second init). */
export async function ensureDeduplicationService(): Promise<void> {
	try {
		DataDeduplicationService.getInstance();
	} catch {
		await DataDeduplicationService.init(inMemoryDeduplicator);
	}
}
