/** Finds the route table entry a request is for and reads its path parameters. */
import { ApiError, badRequest, notFound } from './problems';
import { POSITIVE_ID } from './query';
import type { RouteEntry } from './route';

interface CompiledRoute {
	entry: RouteEntry;
	/** The path template split at '/', without the leading empty segment. */
	template: string[];
}

/** The entry a request is for, or the error to answer (after rate limiting, which also counts misses). */
export type RouteMatch =
	| { entry: RouteEntry; template: string[]; segments: string[] }
	| { entry?: undefined; error: ApiError };

export interface PathParams {
	/** First path parameter ({id}); `params` holds all of them by name. */
	id: number;
	params: Record<string, number>;
	texts: Record<string, string>;
}

const isParam = (segment: string) => segment.startsWith('{');

const literalCount = (segments: string[]) => segments.filter((s) => !isParam(s)).length;

function matchesTemplate(template: string[], segments: string[]): boolean {
	return (
		template.length === segments.length && template.every((t, i) => isParam(t) || t === segments[i])
	);
}

function decodeSafe(s: string): string {
	try {
		return decodeURIComponent(s).slice(0, 64);
	} catch {
		return s.slice(0, 64);
	}
}

export class Router {
	private readonly routes: CompiledRoute[];

	constructor(entries: readonly RouteEntry[]) {
		this.routes = entries.map((entry) => ({ entry, template: entry.path.split('/').slice(1) }));
	}

	/** `relPath` is relative to /api/v1; `path` (the full one) only names the request in errors. */
	match(method: string, relPath: string, path: string): RouteMatch {
		const segments = relPath.split('/').slice(1);
		const candidates = this.routes.filter((r) => matchesTemplate(r.template, segments));
		if (!candidates.length) return { error: notFound(`No such route: ${method} ${path}.`) };
		// Literal segments win over {id}: /contacts/count is not /contacts/{id}.
		const bestLiteralCount = Math.max(...candidates.map((r) => literalCount(r.template)));
		const sameShape = candidates.filter((r) => literalCount(r.template) === bestLiteralCount);
		const route = sameShape.find((r) => r.entry.method === method);
		if (route) return { entry: route.entry, template: route.template, segments };
		// POST /contacts/123 looks like a route (/contacts/{id}) but has no such method: 405; a non-id there is 404.
		const idIndexes = sameShape[0].template.flatMap((seg, i) => (isParam(seg) ? [i] : []));
		if (idIndexes.some((i) => !POSITIVE_ID.test(segments[i])))
			return { error: notFound(`The sandbox does not serve ${method} ${path}.`) };
		const allow = sameShape.map((r) => r.entry.method).join(', ');
		return {
			error: new ApiError(
				405,
				'bad_request',
				`${method} is not allowed here. Allowed: ${allow}.`,
				undefined,
				{ Allow: allow },
				{},
				'Method not allowed',
			),
		};
	}

	/** The entry serving exactly `method` and path template `path` (jobs replay routes by template). */
	entry(method: string, path: string): RouteEntry | undefined {
		return this.routes.find((r) => r.entry.method === method && r.entry.path === path)?.entry;
	}
}

/** The path parameters of a matched request: positive integers, or text where the entry says so. */
export function pathParams(entry: RouteEntry, template: string[], segments: string[]): PathParams {
	let id = 0;
	const params: Record<string, number> = {};
	const texts: Record<string, string> = {};
	template.forEach((seg, i) => {
		if (!isParam(seg)) return;
		const raw = segments[i];
		const name = seg.slice(1, -1);
		if (entry.textParams?.includes(name)) return void (texts[name] = decodeSafe(raw));
		if (!POSITIVE_ID.test(raw))
			throw badRequest(
				`The ${name} in the path must be a positive integer, got "${decodeSafe(raw)}".`,
			);
		params[name] = Number(raw);
		if (!id) id = params[name];
	});
	return { id, params, texts };
}
