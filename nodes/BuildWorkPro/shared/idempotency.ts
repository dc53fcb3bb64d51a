import { createHash } from 'node:crypto';

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
