/**
 * Shared helpers of the sandbox contract suite: real HTTP calls (fetch) and validation of every
 * response body against the matching openapi.json response schema (ajv, JSON Schema 2020-12).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export const repoRoot = resolve(__dirname, '../..');
export const sharedDir =
	process.env.BWP_SHARED_DIR ?? join(repoRoot, '..', 'shared', 'buildworkpro');
const openapiPath = join(sharedDir, 'openapi.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const openapi: Json | null = existsSync(openapiPath)
	? JSON.parse(readFileSync(openapiPath, 'utf8'))
	: null;
let warned = false;
export function warnIfNoOpenapi(): void {
	if (!openapi && !warned) {
		warned = true;
		console.warn(
			`[sandbox tests] ${openapiPath} not found: response schema checks are SKIPPED ` +
				'(set BWP_SHARED_DIR to the folder holding openapi.json to enable them). Behaviour checks still run.',
		);
	}
}

const OPENAPI_ID = 'https://sandbox.test/openapi.json';
let ajv: Ajv2020 | null = null;
const compiled = new Map<string, ValidateFunction>();

function getAjv(): Ajv2020 {
	if (!ajv) {
		ajv = new Ajv2020({ strict: false, allErrors: true });
		addFormats(ajv);
		ajv.addSchema(openapi, OPENAPI_ID);
	}
	return ajv;
}

/** Points the response schema's local refs (#/components/...) at the whole openapi document. */
function rebase(schema: Json): Json {
	if (Array.isArray(schema)) return schema.map(rebase);
	if (schema && typeof schema === 'object') {
		const out: Json = {};
		for (const [k, v] of Object.entries(schema)) {
			out[k] =
				k === '$ref' && typeof v === 'string' && v.startsWith('#') ? OPENAPI_ID + v : rebase(v);
		}
		return out;
	}
	return schema;
}

function validatorFor(
	method: string,
	template: string,
	status: number,
	problem: boolean,
): ValidateFunction | null {
	const id = `${method} ${template} ${status} ${problem}`;
	if (compiled.has(id)) return compiled.get(id)!;
	const operation = openapi.paths[template]?.[method.toLowerCase()];
	if (!operation && !problem)
		throw new Error(`openapi.json has no operation ${method} ${template}`);
	const declared = operation?.responses?.[String(status)]?.content;
	let schema: Json = declared?.[problem ? 'application/problem+json' : 'application/json']?.schema;
	// Statuses an operation does not list (401, 429, 400, ...) still answer the generic problem document.
	if (!schema && problem) schema = { $ref: '#/components/schemas/ProblemDetails' };
	if (!schema)
		throw new Error(`openapi.json declares no ${status} JSON body for ${method} ${template}`);
	const validate = getAjv().compile(rebase(schema));
	compiled.set(id, validate);
	return validate;
}

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	body: Json;
}

const ME_KEYS = ['keyId', 'keyName', 'tenantId', 'scopes'];

/**
 * Checks a response body against openapi.json. `template` is the openapi path (e.g. /contacts/{id}).
 * Problem answers are also checked for the code/type-fragment rule. GET /me, which openapi.json
 * lacks, is checked by hand against the API-keys page.
 */
/** The openapi path template a concrete request path belongs to (literal segments win), if any. */
export function templateOf(path: string): string | null {
	if (path === '/me') return '/me';
	if (!openapi) return null;
	const segments = path.split('/');
	let best: { template: string; literals: number } | null = null;
	for (const template of Object.keys(openapi.paths)) {
		const parts = template.split('/');
		if (parts.length !== segments.length) continue;
		if (!parts.every((p, i) => p === segments[i] || /^\{.+\}$/.test(p))) continue;
		const literals = parts.filter((p) => !p.startsWith('{')).length;
		if (!best || literals > best.literals) best = { template, literals };
	}
	return best?.template ?? null;
}

export function expectMatchesSchema(
	res: ApiResponse,
	method: string,
	template: string | null,
): void {
	const contentType = res.headers.get('content-type') ?? '';
	if (res.status === 204) {
		expect(res.text).toBe('');
		return;
	}
	const problem = contentType.startsWith('application/problem+json');
	if (problem) {
		expect(res.body.type).toBe(`https://docs.buildworkpro.com/errors#${res.body.code}`);
		expect(res.body.status).toBe(res.status);
		expect(typeof res.body.title).toBe('string');
		if (res.status === 422) expect(Array.isArray(res.body.errors)).toBe(true);
		else expect(res.body.errors).toBeUndefined();
	} else {
		expect(contentType).toMatch(/^application\/json/);
		expect(res.body.meta.request_id).toMatch(/^req_/);
	}
	if (template === '/me' && !problem) {
		expect(Object.keys(res.body.data).sort()).toEqual([...ME_KEYS].sort());
		expect(Number.isInteger(res.body.data.keyId)).toBe(true);
		expect(typeof res.body.data.keyName).toBe('string');
		expect(Number.isInteger(res.body.data.tenantId)).toBe(true);
		expect(res.body.data.scopes.every((s: unknown) => typeof s === 'string')).toBe(true);
		return;
	}
	if (!openapi) return warnIfNoOpenapi();
	if (template === null) {
		// A route openapi.json does not know: only the generic problem document applies.
		expect(problem).toBe(true);
		template = '/__unknown__';
	}
	if (problem) {
		const codes: string[] = openapi.components.schemas.ErrorCode.enum;
		expect(codes).toContain(res.body.code);
	}
	const validate = validatorFor(method, template, res.status, problem)!;
	if (!validate(res.body)) {
		throw new Error(
			`${method} ${template} → ${res.status} does not match openapi.json: ${getAjv().errorsText(validate.errors)}\n` +
				JSON.stringify(res.body).slice(0, 800),
		);
	}
}

export interface CallOptions {
	key?: string | null;
	body?: unknown;
	rawBody?: string | Buffer;
	headers?: Record<string, string>;
	query?: Record<string, string | number | undefined>;
	/** Skip the openapi check (only for answers that are deliberately not API answers). */
	validate?: boolean;
}

export class Client {
	constructor(
		readonly sandbox: Sandbox,
		readonly defaultKey = sandbox.keys.full,
	) {}

	/** Calls the API; every answer is checked against openapi.json unless `validate: false`. */
	async call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
		const res = await this.send(method, path, options);
		if (options.validate !== false)
			expectMatchesSchema(res, method, templateOf(path.replace(/\/+$/, '') || '/'));
		return res;
	}

	private async send(method: string, path: string, options: CallOptions): Promise<ApiResponse> {
		const url = new URL(this.sandbox.baseUrl + path);
		for (const [k, v] of Object.entries(options.query ?? {}))
			if (v !== undefined) url.searchParams.set(k, String(v));
		const headers: Record<string, string> = { ...options.headers };
		const key = options.key === undefined ? this.defaultKey : options.key;
		if (key !== null) headers.authorization = `Bearer ${key}`;
		let body: string | Buffer | undefined;
		if (options.rawBody !== undefined) body = options.rawBody;
		else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
		const response = await fetch(url, { method, headers, body });
		const text = await response.text();
		let parsed: Json = undefined;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: response.status, headers: response.headers, text, body: parsed };
	}

	/** Like call(), naming the openapi operation explicitly (and checking that it is the one inferred). */
	async checked(
		method: string,
		path: string,
		template: string,
		options: CallOptions = {},
	): Promise<ApiResponse> {
		const res = await this.send(method, path, options);
		if (openapi) expect(templateOf(path)).toBe(template);
		expectMatchesSchema(res, method, template);
		return res;
	}
}

export async function withSandbox(
	options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; client: Client }> {
	warnIfNoOpenapi();
	const sandbox = await startSandbox({ port: 0, testControls: true, ...options });
	return { sandbox, client: new Client(sandbox) };
}

export const newKey = () => crypto.randomUUID();
