import { createHash, randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { errorBeforeSending } from '../errors';
import type { TransportContext } from './context';

/**
 * Idempotency keys for POST, PATCH and DELETE.
 *
 * Keys are name-based UUIDs (version 5, RFC 4122 §4.3): the same name in the same namespace
 * always gives the same UUID, so a retried request carries the key of its first attempt and
 * BuildWorkPro replays the stored answer instead of acting twice.
 */

/** Namespace of the keys the node derives itself (UUIDv5 of this package's URL + "#default-idempotency-keys"). */
export const DERIVED_NAMESPACE = 'a21a9a8e-ffa3-5045-890c-0fa772c37a60';

/** Namespace of the keys derived from the user's "Idempotency Key" option. */
export const CUSTOM_VALUE_NAMESPACE = 'b29614d6-ca58-51a9-b700-834bcc2dc5b8';

function uuidToBytes(uuid: string): Uint8Array {
	const hex = uuid.replace(/-/g, '');
	const bytes = new Uint8Array(16);
	for (let i = 0; i < 16; i++) {
		bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	}
	return bytes;
}

/** UUID version 5: SHA-1 of namespace bytes + name, with the version and variant bits set. */
export function nameBasedUuid(namespace: string, name: string): string {
	const hash = createHash('sha1').update(uuidToBytes(namespace)).update(name, 'utf8').digest();
	const bytes = Uint8Array.from(hash.subarray(0, 16));
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface LogicalOperation {
	executionId: string;
	/** The node's id (stable across renames); its name when no id exists. */
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	/** e.g. "contact.create" */
	operation: string;
}

/**
 * The default key: one per logical operation within one execution. n8n's Retry On Fail re-runs
 * the node with the same execution id and run index, so its attempts share this key.
 */
export function defaultIdempotencyKey(op: LogicalOperation): string {
	const name = JSON.stringify([op.executionId, op.nodeId, op.runIndex, op.itemIndex, op.operation]);
	return nameBasedUuid(DERIVED_NAMESPACE, name);
}

/**
 * The key for a user-supplied value (e.g. a form submission id): the same value maps to the same
 * key in every execution. The operation is part of the name so that, say, a create and an update
 * fed the same value never collide.
 */
export function customIdempotencyKey(operation: string, value: string): string {
	return nameBasedUuid(CUSTOM_VALUE_NAMESPACE, `${operation}:${value}`);
}

/** "contact.create": the logical operation an idempotency key belongs to. */
function operationName(context: TransportContext): string {
	const resource = context.getNodeParameter('resource', 'contact') as string;
	const operation = context.getNodeParameter('operation', '') as string;
	return `${resource}.${operation}`;
}

/**
 * The Idempotency-Key of a request: derived from the item's logical operation, or from the
 * user's Idempotency Key option when set.
 */
export function idempotencyKeyFor(context: TransportContext): string {
	// A trigger's hook is no item of an execution: nothing to derive a key from.
	if (!context.getItemIndex || !context.getWorkflowDataProxy) return randomUUID();
	const operation = operationName(context);
	const itemIndex = context.getItemIndex();
	// Look at the raw parameters: an expression that resolves to nothing must not quietly fall back.
	const rawOptions = context.getNodeParameter(
		'options',
		{},
		{ rawExpressions: true },
	) as IDataObject;
	if (rawOptions && Object.prototype.hasOwnProperty.call(rawOptions, 'idempotencyKey')) {
		const custom = context.getNodeParameter('options.idempotencyKey', null) as unknown;
		const value = custom === undefined || custom === null ? '' : String(custom).trim();
		if (value === '') {
			throw errorBeforeSending(
				context.getNode(),
				'The Idempotency Key option is empty for this item',
				{
					itemIndex,
					description:
						'Remove the option to let the node derive a key, or make its expression yield a value for every item (for example a form submission ID).',
				},
			);
		}
		return customIdempotencyKey(operation, value);
	}
	const node = context.getNode();
	return defaultIdempotencyKey({
		// Real executions always have an id; without one, a random id still keeps the key stable within this run.
		executionId: context.getExecutionId?.() || randomUUID(),
		nodeId: node.id || node.name,
		runIndex: Number(context.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
		itemIndex,
		operation,
	});
}

/**
 * The context with its operation name given a suffix, so each request of a multi-step operation
 * (upload URL, import; bulk job 1, 2, 3) gets its own derived Idempotency-Key. The transport
 * derives the key from execution, node, run, item and "resource.operation"; two POSTs of one item
 * with different bodies under one key would be refused (409 idempotency_key_reused). The steps
 * stay stable across n8n's Retry On Fail, so a retried step still replays instead of acting twice.
 */
export function withIdempotencyStep<T extends TransportContext>(context: T, step: string): T {
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getNodeParameter') {
				return (name: string, fallback?: unknown, options?: object) => {
					const value = (
						target.getNodeParameter as (n: string, f?: unknown, o?: object) => unknown
					).call(target, name, fallback, options);
					return name === 'operation' ? `${String(value)}#${step}` : value;
				};
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}
