/** Any non-null object, arrays included: enough to read a property off an error or an answer. */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** A JSON object: not null and not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return isObject(value) && !Array.isArray(value);
}
