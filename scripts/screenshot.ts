// Takes a screenshot of a page of a local n8n as a logged-in user, with headless Chromium driven
// over the DevTools protocol. Used to check what `npm run dev` shows:
//
//   npx tsx scripts/screenshot.ts <n8n url> <path after login, e.g. /workflow/1> <out.png>
//     [--email E] [--password P] [--wait-ms 8000] [--chromium /usr/bin/chromium] [--open-node <node name>]
//
// Logs in the way the editor does (n8n binds its session cookie to the browser id the editor keeps
// in localStorage), then opens the page and captures it. `openBrowser` is the same browser for
// scripts that drive the editor further (scripts/screenshots.ts, `npm run docs:screenshots`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';

import { LOCAL_OWNER } from '../e2e/lib/stack';
import { killGroup, waitFor } from '../e2e/lib/process';

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
	press(key: 'Escape' | 'Enter'): Promise<void>;
	screenshot(out: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void>;
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
			'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--hide-scrollbars', '--lang=en-US',
			`--user-data-dir=${profile}`, `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, '--remote-debugging-port=0', 'about:blank',
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
		const wsUrl = await waitFor('Chromium to open its DevTools endpoint', () => /DevTools listening on (ws:\S+)/.exec(stderr)?.[1], {
			timeoutMs: 30_000,
			giveUp: () =>
				browser.exitCode !== null || browser.pid === undefined
					? `Chromium (${chromium}) did not start: ${stderr.slice(-500) || 'is it installed? apt-get install -y chromium'}`
					: undefined,
		});
		const cdp = await connect(wsUrl);
		const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
		const send = (method: string, params: object = {}) => cdp.send(method, params, sessionId);
		await send('Page.enable');
		await send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
		const page: Page = {
			async evaluate<T>(expression: string) {
				const result = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
				if (result.exceptionDetails) throw new Error(`In the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
				return result.result.value as T;
			},
			async goto(url) {
				await send('Page.navigate', { url });
			},
			async login(base, email = LOCAL_OWNER.email, password = LOCAL_OWNER.password) {
				// Same-origin page first, so localStorage and the cookie belong to n8n's origin.
				await page.goto(`${base}/signin`);
				await page.waitFor('the sign-in page', `document.readyState === 'complete' && location.origin === ${JSON.stringify(new URL(base).origin)}`);
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
					async () => (await page.evaluate<T>(`(() => { try { return ${expression}; } catch { return undefined; } })()`).catch(() => undefined)) || undefined,
					{ timeoutMs, intervalMs: 250 },
				);
			},
			async click(point, clickCount = 1) {
				await send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...point });
				for (let count = 1; count <= clickCount; count++) {
					await send('Input.dispatchMouseEvent', { type: 'mousePressed', button: 'left', clickCount: count, ...point });
					await send('Input.dispatchMouseEvent', { type: 'mouseReleased', button: 'left', clickCount: count, ...point });
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
			async press(key) {
				const codes = { Escape: 27, Enter: 13 };
				for (const type of ['keyDown', 'keyUp'])
					await send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: codes[key] });
			},
			async screenshot(out, clip) {
				const shot = await send('Page.captureScreenshot', { format: 'png', ...(clip ? { clip: { ...clip, scale: 1 } } : {}) });
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

async function main() {
	const [base, path, out, ...rest] = process.argv.slice(2);
	if (!base || !path || !out) throw new Error('Usage: tsx scripts/screenshot.ts <n8n url> <path> <out.png> [--email E] [--password P] [--wait-ms N] [--open-node <name>]');
	const flag = (name: string, fallback: string) => {
		const index = rest.indexOf(name);
		return index >= 0 ? rest[index + 1] : fallback;
	};
	const waitMs = Number(flag('--wait-ms', '8000'));
	const openNode = flag('--open-node', '');
	const { page, close } = await openBrowser(flag('--chromium', process.env.CHROMIUM ?? 'chromium'));
	try {
		await page.login(base, flag('--email', LOCAL_OWNER.email), flag('--password', LOCAL_OWNER.password));
		await page.goto(`${base}${path}`);
		await sleep(waitMs);
		if (openNode) {
			await page.openNode(openNode);
			await sleep(3_000);
		}
		await page.screenshot(out);
		console.log(`Saved ${out} (page title: ${await page.evaluate('document.title')})`);
	} finally {
		await close();
	}
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
	const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
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

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
