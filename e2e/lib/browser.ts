// Headless Chromium (Debian's `chromium`) driven over the DevTools protocol: one page that can log
// in to n8n the way the editor does, navigate, read and click. Used by the e2e suite (the OAuth2
// Connect flow, test/e2e/oauth.e2e.test.ts), scripts/screenshot.ts and `npm run docs:screenshots`.
// `ensureChromium()` installs Debian's package when it is missing and we are root, or says what to install.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';

import { killGroup, waitFor } from './process';
import { LOCAL_OWNER } from './stack';

export interface Point {
	x: number;
	y: number;
}

export interface Page {
	/** Evaluates an expression in the page (promises awaited) and returns its value. */
	evaluate<T = unknown>(expression: string): Promise<T>;
	goto(url: string): Promise<void>;
	/** Logs in on `base` as the editor does; the next navigation is logged in. */
	login(base: string, email?: string, password?: string): Promise<void>;
	/** Waits until `expression` is truthy in the page; returns its value. */
	waitFor<T = unknown>(what: string, expression: string, timeoutMs?: number): Promise<T>;
	/** A real mouse click (or double click) at a point of the page. */
	click(point: Point, clickCount?: 1 | 2): Promise<void>;
	/** Clicks the centre of the first element matching `selector` whose text includes `text`. */
	clickElement(what: string, selector: string, text?: string, clickCount?: 1 | 2): Promise<void>;
	/** Double-clicks a node on the canvas (also inside the executions view's iframe). */
	openNode(name: string): Promise<void>;
	type(text: string): Promise<void>;
	/** Clicks into the field matching `selector` (as a person would), clears it and types `text`. */
	fill(what: string, selector: string, text: string): Promise<void>;
	/** The address the page shows now. */
	url(): Promise<string>;
	press(key: 'Escape' | 'Enter'): Promise<void>;
	screenshot(
		out: string,
		clip?: { x: number; y: number; width: number; height: number },
	): Promise<void>;
}

export interface Browser {
	page: Page;
	close(): Promise<void>;
}

export const VIEWPORT = { width: 1600, height: 1000 };

/** Starts headless Chromium (Debian's `chromium`) with a throw-away profile and opens one page. */
export async function openBrowser(chromium = process.env.CHROMIUM ?? 'chromium'): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'bwp-chromium-'));
	const browser = spawn(
		chromium,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--hide-scrollbars',
			'--lang=en-US',
			`--user-data-dir=${profile}`,
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	browser.once('error', () => undefined);
	let stderr = '';
	browser.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const close = async () => {
		killGroup(browser, 'SIGKILL');
		rmSync(profile, { recursive: true, force: true });
	};
	try {
		const wsUrl = await waitFor(
			'Chromium to open its DevTools endpoint',
			() => /DevTools listening on (ws:\S+)/.exec(stderr)?.[1],
			{
				timeoutMs: 30_000,
				giveUp: () =>
					browser.exitCode !== null || browser.pid === undefined
						? `Chromium (${chromium}) did not start: ${stderr.slice(-500) || 'is it installed? apt-get install -y chromium'}`
						: undefined,
			},
		);
		const cdp = await connect(wsUrl);
		const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
		const send = (method: string, params: object = {}) => cdp.send(method, params, sessionId);
		await send('Page.enable');
		await send('Emulation.setDeviceMetricsOverride', {
			...VIEWPORT,
			deviceScaleFactor: 1,
			mobile: false,
		});
		const page: Page = {
			async evaluate<T>(expression: string) {
				const result = await send('Runtime.evaluate', {
					expression,
					awaitPromise: true,
					returnByValue: true,
				});
				if (result.exceptionDetails)
					throw new Error(
						`In the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`,
					);
				return result.result.value as T;
			},
			async goto(url) {
				await send('Page.navigate', { url });
			},
			async login(base, email = LOCAL_OWNER.email, password = LOCAL_OWNER.password) {
				// Same-origin page first, so localStorage and the cookie belong to n8n's origin.
				await page.goto(`${base}/signin`);
				await page.waitFor(
					'the sign-in page',
					`document.readyState === 'complete' && location.origin === ${JSON.stringify(new URL(base).origin)}`,
				);
				const status = await page.evaluate<number>(`(async () => {
					const id = localStorage.getItem('n8n-browserId') || crypto.randomUUID();
					localStorage.setItem('n8n-browserId', id);
					const response = await fetch('/rest/login', {
						method: 'POST', credentials: 'include',
						headers: { 'content-type': 'application/json', 'browser-id': id },
						body: JSON.stringify(${JSON.stringify({ emailOrLdapLoginId: email, email, password })}),
					});
					return response.status;
				})()`);
				if (status !== 200) throw new Error(`Login in the browser answered ${status}`);
			},
			async waitFor<T>(what: string, expression: string, timeoutMs = 60_000) {
				return await waitFor(
					what,
					async () =>
						(await page
							.evaluate<T>(
								`(() => { try { return ${expression}; } catch { return undefined; } })()`,
							)
							.catch(() => undefined)) || undefined,
					{ timeoutMs, intervalMs: 250 },
				);
			},
			async click(point, clickCount = 1) {
				await send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...point });
				for (let count = 1; count <= clickCount; count++) {
					await send('Input.dispatchMouseEvent', {
						type: 'mousePressed',
						button: 'left',
						clickCount: count,
						...point,
					});
					await send('Input.dispatchMouseEvent', {
						type: 'mouseReleased',
						button: 'left',
						clickCount: count,
						...point,
					});
				}
			},
			async clickElement(what, selector, text, clickCount = 1) {
				const point = await page.waitFor<Point>(
					what,
					`(() => {
						const element = [...document.querySelectorAll(${JSON.stringify(selector)})].find((candidate) =>
							${text === undefined ? 'true' : `candidate.textContent.includes(${JSON.stringify(text)})`} && candidate.getBoundingClientRect().width > 0);
						if (!element) return undefined;
						element.scrollIntoView({ block: 'nearest' });
						const box = element.getBoundingClientRect();
						return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
					})()`,
				);
				await page.click(point, clickCount);
			},
			async openNode(name) {
				// The executions view draws the workflow inside a same-origin iframe: find the node's
				// centre in page coordinates, then send real mouse input there, as a user does.
				const point = await page.waitFor<Point>(
					`node "${name}" on the canvas`,
					`(() => {
						const frames = [{ doc: document, x: 0, y: 0 }, ...[...document.querySelectorAll('iframe')]
							.filter((frame) => frame.contentDocument)
							.map((frame) => ({ doc: frame.contentDocument, x: frame.getBoundingClientRect().x, y: frame.getBoundingClientRect().y }))];
						for (const { doc, x, y } of frames) {
							const node = [...doc.querySelectorAll('[data-test-id="canvas-node"]')].find((element) =>
								element.textContent.includes(${JSON.stringify(name)}));
							if (!node) continue;
							const box = node.getBoundingClientRect();
							if (box.width === 0) continue;
							return { x: x + box.x + box.width / 2, y: y + box.y + box.height / 2 };
						}
						return undefined;
					})()`,
				);
				await page.click(point, 2);
			},
			async type(text) {
				await send('Input.insertText', { text });
			},
			async fill(what, selector, text) {
				await page.clickElement(what, selector);
				await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).select?.()`);
				await page.type(text);
			},
			async url() {
				return await page.evaluate<string>('location.href');
			},
			async press(key) {
				const codes = { Escape: 27, Enter: 13 };
				for (const type of ['keyDown', 'keyUp'])
					await send('Input.dispatchKeyEvent', {
						type,
						key,
						code: key,
						windowsVirtualKeyCode: codes[key],
					});
			},
			async screenshot(out, clip) {
				const shot = await send('Page.captureScreenshot', {
					format: 'png',
					...(clip ? { clip: { ...clip, scale: 1 } } : {}),
				});
				writeFileSync(out, Buffer.from(shot.data, 'base64'));
			},
		};
		return {
			page,
			async close() {
				cdp.close();
				await close();
			},
		};
	} catch (error) {
		await close();
		throw error;
	}
}

/**
 * The Chromium to drive: CHROMIUM, else Debian's `chromium` on PATH. When it is missing and this
 * process runs as root, installs Debian's package (apt-get); otherwise throws saying what to install.
 */
export function ensureChromium(log: (line: string) => void = (line) => console.log(line)): string {
	const found = findChromium();
	if (found) return found;
	const install = 'apt-get update && apt-get install -y chromium';
	if (process.getuid?.() !== 0)
		throw new Error(
			`Headless Chromium is needed and was not found (set CHROMIUM=/path/to/chromium, or install Debian's package as root: ${install}).`,
		);
	log(`Chromium not found: installing Debian's chromium package (${install}) ...`);
	const result = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${install}`], {
		stdio: ['ignore', 'ignore', 'pipe'],
		encoding: 'utf8',
		timeout: 600_000,
	});
	const installed = findChromium();
	if (!installed)
		throw new Error(
			`Installing Chromium failed (${install} exited ${result.status}): ${(result.stderr ?? '').slice(-800)}`,
		);
	return installed;
}

function findChromium(): string | undefined {
	if (process.env.CHROMIUM)
		return existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : undefined;
	for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
		for (const name of ['chromium', 'chromium-browser'])
			if (existsSync(join(dir, name))) return join(dir, name);
	}
	return undefined;
}

interface Cdp {
	send(method: string, params?: object, sessionId?: string): Promise<any>;
	close(): void;
}

async function connect(url: string): Promise<Cdp> {
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', reject, { once: true });
	});
	let nextId = 1;
	const pending = new Map<
		number,
		{ resolve: (value: any) => void; reject: (error: Error) => void }
	>();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(`${message.error.message} (${message.error.code})`));
		else waiter.resolve(message.result);
	});
	return {
		send(method, params = {}, sessionId) {
			const id = nextId++;
			socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve, reject });
				setTimeout(() => {
					if (pending.delete(id)) reject(new Error(`DevTools call ${method} timed out`));
				}, 30_000).unref();
			});
		},
		close: () => socket.close(),
	};
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An OAuth2 credential's Connect button, as a person uses it: the editor (the page, logged in to
 * n8n) asks n8n for the authorization URL, opens it, the person signs in on the consent page
 * (unless signed in already) and clicks Approve, and the browser follows the redirect back to
 * n8n's callback, which must report success. Answers the authorization URL n8n built.
 */
export async function connectOAuthCredential(
	page: Page,
	{
		n8nUrl,
		credentialId,
		redirectUrl,
		email,
		password,
	}: { n8nUrl: string; credentialId: string; redirectUrl: string; email: string; password: string },
): Promise<URL> {
	await page.login(n8nUrl);
	const answer = await page.evaluate<{ status: number; body: { data?: string } }>(`(async () => {
		const response = await fetch('/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}', {
			credentials: 'include', headers: { 'browser-id': localStorage.getItem('n8n-browserId') },
		});
		return { status: response.status, body: await response.json().catch(() => ({})) };
	})()`);
	if (answer.status !== 200 || typeof answer.body.data !== 'string')
		throw new Error(
			`n8n did not give an authorization URL: ${answer.status} ${JSON.stringify(answer.body)}`,
		);
	const authorizationUrl = new URL(answer.body.data);

	await page.goto(authorizationUrl.href);
	await page.waitFor('the consent page', `document.querySelector('#approve')`);
	// Signed in to BuildWorkPro already (an earlier Connect in this browser): the page only asks to approve.
	if (await page.evaluate<boolean>(`Boolean(document.querySelector('#email'))`)) {
		await page.fill('the email field', '#email', email);
		await page.fill('the password field', '#password', password);
	}
	await page.clickElement('the Approve button', '#approve');
	// n8n's callback page closes itself after a few seconds: read it as soon as it is there.
	await page.waitFor(
		"n8n's OAuth callback page",
		`location.href.startsWith(${JSON.stringify(redirectUrl)}) && document.readyState !== 'loading' && document.body && document.body.innerText.length > 0`,
		30_000,
	);
	const shown = await page.evaluate<string>('document.body.innerText');
	if (!/Connection successful/i.test(shown))
		throw new Error(`n8n's callback did not report success: ${shown.slice(0, 500)}`);
	return authorizationUrl;
}
