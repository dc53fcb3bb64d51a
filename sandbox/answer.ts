/** What a route handler answers, and the `{data, meta}` envelope of every JSON answer. */
export interface Answer {
	status: number;
	body?: unknown;
	/** Pre-serialized body (idempotent replays). */
	rawBody?: string | null;
	contentType?: string;
	headers?: Record<string, string>;
}

export function ok(
	ctx: { requestId: string },
	data: unknown,
	status = 200,
	metaExtra: Record<string, unknown> = {},
): Answer {
	return { status, body: { data, meta: { request_id: ctx.requestId, ...metaExtra } } };
}
