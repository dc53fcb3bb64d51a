// The action node's two versions as the end-to-end suites write its parameters: version 1 (what
// workflows saved before version 2 run) takes record IDs as plain values, version 2 (what the
// editor adds today) as resource locators, and simplifies Get and Get Many unless told not to.

export const NODE_VERSIONS = [1, 2] as const;
export type NodeVersion = (typeof NODE_VERSIONS)[number];

/** A resource locator in its By ID mode: what the editor saves when an ID is typed in. */
export function locatorById(id: string | number): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: String(id) };
}

/** A record ID parameter (Contact ID, Bid ID, …): text in version 1, a By ID locator in 2. */
export function recordId(version: NodeVersion, id: string | number): unknown {
	return version === 1 ? String(id) : locatorById(id);
}

/** A link inside Additional or Update Fields (Parent Contact, …): a number field in version 1, a locator in 2. */
export function linkId(version: NodeVersion, id: number | string): unknown {
	return version === 1 ? id : locatorById(id);
}

/** Parameters that make Get and Get Many return whole records: version 2 simplifies by default. */
export function wholeRecords(version: NodeVersion): Record<string, unknown> {
	return version === 1 ? {} : { simplify: false };
}
