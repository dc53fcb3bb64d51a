// A small client for n8n's internal REST API (the one its editor uses). n8n binds the auth cookie
// to a `browser-id` header, so every call carries the same browser id along with the cookie.
import { randomUUID } from 'node:crypto';

export class N8nRestError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(`n8n ${method} ${path} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
	}
}

export class N8nClient {
	private cookie = '';
	private readonly browserId = randomUUID();

	constructor(readonly baseUrl: string) {}

	/** Calls `/rest<path>` and unwraps n8n's `{data}` envelope. */
	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const parsed = await this.send(method, `/rest${path}`, body);
		// Most endpoints wrap their answer in {data}; a few do not.
		if (parsed && typeof parsed === 'object' && 'data' in parsed)
			return (parsed as { data: T }).data;
		return parsed as T;
	}

	/** Calls any path of the n8n server (e.g. `/types/nodes.json`) and returns the parsed body. */
	async send(method: string, path: string, body?: unknown): Promise<unknown> {
		const timeoutMs = 60_000;
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				// A connection of its own for every call. n8n closes a keep-alive connection after 5 s idle;
				// when this process was busier than that (parsing the editor's 18 MB /types/nodes.json on a
				// loaded machine), fetch reused the connection before noticing the close, and the next call
				// met a reset ("fetch failed", read ECONNRESET).
				connection: 'close',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		}).catch((error: Error) => {
			const reason =
				error.name === 'TimeoutError'
					? `did not answer within ${timeoutMs / 1000} s`
					: `failed: ${error.message}${causeOf(error)}`;
			throw new Error(`n8n ${method} ${path} ${reason} (is n8n still running at ${this.baseUrl}?)`);
		});
		for (const setCookie of response.headers.getSetCookie()) {
			const [pair] = setCookie.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// keep the raw text
		}
		if (!response.ok) throw new N8nRestError(method, path, response.status, parsed);
		return parsed;
	}

	get<T = unknown>(path: string) {
		return this.request<T>('GET', path);
	}
	post<T = unknown>(path: string, body?: unknown) {
		return this.request<T>('POST', path, body ?? {});
	}
	patch<T = unknown>(path: string, body?: unknown) {
		return this.request<T>('PATCH', path, body ?? {});
	}
	delete<T = unknown>(path: string) {
		return this.request<T>('DELETE', path);
	}

	/** Creates the instance owner on a fresh n8n (logging in), or logs in when it already exists. */
	async setupOwnerOrLogin(owner: {
		email: string;
		password: string;
		firstName: string;
		lastName: string;
	}) {
		try {
			await this.post('/owner/setup', owner);
		} catch (error) {
			if (!(error instanceof N8nRestError) || error.status !== 400) throw error;
		}
		await this.login(owner.email, owner.password);
	}

	async login(email: string, password: string) {
		// 1.x calls the field `email`, 2.x `emailOrLdapLoginId`; sending both works on both.
		await this.post('/login', { email, emailOrLdapLoginId: email, password });
	}
}

/** The connection-level reason behind fetch's bare "fetch failed" (e.g. "read ECONNRESET"). */
function causeOf(error: Error): string {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	return cause ? ` (${cause.message ?? cause.code})` : '';
}
