/**
 * Keyset paging over an id-sorted array: binary-search the position after the cursor, then walk
 * forward until `limit + 1` matches are found (the extra one only tells whether more exist).
 * The cost is O(log n + items walked), never a scan of the whole store from the start.
 */

/** Index of the first id strictly greater than `afterId`. */
export function firstIndexAfter(sortedIds: readonly number[], afterId: number): number {
	let lo = 0;
	let hi = sortedIds.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sortedIds[mid] <= afterId) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export interface Page<T> {
	items: T[];
	hasMore: boolean;
}

export function pageOf<T>(
	sortedIds: readonly number[],
	lookup: (id: number) => T | undefined,
	matches: (item: T) => boolean,
	afterId: number | undefined,
	limit: number,
	descending = false,
): Page<T> {
	const items: T[] = [];
	let hasMore = false;
	if (!descending) {
		const start = afterId === undefined ? 0 : firstIndexAfter(sortedIds, afterId);
		for (let i = start; i < sortedIds.length; i++) {
			const item = lookup(sortedIds[i]);
			if (item === undefined || !matches(item)) continue;
			if (items.length === limit) {
				hasMore = true;
				break;
			}
			items.push(item);
		}
	} else {
		// Continue with ids strictly below the cursor's id.
		const start =
			afterId === undefined ? sortedIds.length - 1 : firstIndexAfter(sortedIds, afterId - 1) - 1;
		for (let i = start; i >= 0; i--) {
			const item = lookup(sortedIds[i]);
			if (item === undefined || !matches(item)) continue;
			if (items.length === limit) {
				hasMore = true;
				break;
			}
			items.push(item);
		}
	}
	return { items, hasMore };
}
