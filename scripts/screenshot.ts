// Takes a screenshot of a page of a local n8n as a logged-in user, with headless Chromium driven
// over the DevTools protocol. Used to check what `npm run dev` shows:
//
//   npx tsx scripts/screenshot.ts <n8n url> <path after login, e.g. /workflow/1> <out.png>
//     [--email E] [--password P] [--wait-ms 8000] [--chromium /usr/bin/chromium] [--open-node <node name>]
//
// Logs in the way the editor does (n8n binds its session cookie to the browser id the editor keeps
// in localStorage), then opens the page and captures it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';

import { LOCAL_OWNER } from '../e2e/lib/stack';
import { killGroup, waitFor } from '../e2e/lib/process';

async function main() {
	const [base, path, out, ...rest] = process.argv.slice(2);
	if (!base || !path || !out) throw new Error('Usage: tsx scripts/screenshot.ts <n8n url> <path> <out.png> [--email E] [--password P] [--wait-ms N]');
	const flag = (name: string, fallback: string) => {
		const index = rest.indexOf(name);
		return index >= 0 ? rest[index + 1] : fallback;
	};
	const email = flag('--email', LOCAL_OWNER.email);
	const password = flag('--password', LOCAL_OWNER.password);
	const waitMs = Number(flag('--wait-ms', '8000'));
	const chromium = flag('--chromium', 'chromium');
	const openNode = flag('--open-node', '');

	const profile = mkdtempSync(join(tmpdir(), 'bwp-chromium-'));
	const browser = spawn(
		chromium,
		[
			'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			`--user-data-dir=${profile}`, '--window-size=1600,1000', '--remote-debugging-port=0', 'about:blank',
		],
		{ detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	browser.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	try {
		const wsUrl = await waitFor('Chromium to open its DevTools endpoint', () => /DevTools listening on (ws:\S+)/.exec(stderr)?.[1], {
			timeoutMs: 30_000,
			giveUp: () => (browser.exitCode !== null ? `Chromium exited: ${stderr.slice(-500)}` : undefined),
		});
		const cdp = await connect(wsUrl);
		const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
		const page = (method: string, params: object = {}) => cdp.send(method, params, sessionId);
		await page('Page.enable');
		await page('Emulation.setDeviceMetricsOverride', { width: 1600, height: 1000, deviceScaleFactor: 1, mobile: false });

		// Same-origin page first, so localStorage and the cookie belong to n8n's origin.
		await page('Page.navigate', { url: `${base}/signin` });
		await sleep(2_000);
		const login = await page('Runtime.evaluate', {
			awaitPromise: true,
			returnByValue: true,
			expression: `(async () => {
				const id = localStorage.getItem('n8n-browserId') || crypto.randomUUID();
				localStorage.setItem('n8n-browserId', id);
				const response = await fetch('/rest/login', {
					method: 'POST', credentials: 'include',
					headers: { 'content-type': 'application/json', 'browser-id': id },
					body: JSON.stringify(${JSON.stringify({ emailOrLdapLoginId: email, email, password })}),
				});
				return response.status;
			})()`,
		});
		if (login.result.value !== 200) throw new Error(`Login in the browser answered ${login.result.value}`);

		await page('Page.navigate', { url: `${base}${path}` });
		await sleep(waitMs);
		if (openNode) {
			// Double-click the node on the canvas, as a user does, to show its input and output. The
			// executions view draws the workflow inside a same-origin iframe: find the node's centre
			// in page coordinates, then send real mouse input there.
			const located = await page('Runtime.evaluate', {
				returnByValue: true,
				expression: `(() => {
					const frames = [{ doc: document, x: 0, y: 0 }, ...[...document.querySelectorAll('iframe')]
						.filter((frame) => frame.contentDocument)
						.map((frame) => ({ doc: frame.contentDocument, x: frame.getBoundingClientRect().x, y: frame.getBoundingClientRect().y }))];
					for (const { doc, x, y } of frames) {
						const node = [...doc.querySelectorAll('[data-test-id="canvas-node"]')].find((element) =>
							element.textContent.includes(${JSON.stringify(openNode)}));
						if (!node) continue;
						const box = node.getBoundingClientRect();
						return { x: x + box.x + box.width / 2, y: y + box.y + box.height / 2 };
					}
					return null;
				})()`,
			});
			const point = located.result.value as { x: number; y: number } | null;
			if (!point) throw new Error(`No node named "${openNode}" on the page`);
			for (const clickCount of [1, 2]) {
				await page('Input.dispatchMouseEvent', { type: 'mousePressed', button: 'left', clickCount, ...point });
				await page('Input.dispatchMouseEvent', { type: 'mouseReleased', button: 'left', clickCount, ...point });
			}
			await sleep(3_000);
		}
		const shot = await page('Page.captureScreenshot', { format: 'png' });
		writeFileSync(out, Buffer.from(shot.data, 'base64'));
		const title = await page('Runtime.evaluate', { expression: 'document.title', returnByValue: true });
		console.log(`Saved ${out} (page title: ${title.result.value})`);
		cdp.close();
	} finally {
		killGroup(browser, 'SIGKILL');
		rmSync(profile, { recursive: true, force: true });
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
				}, 30_000);
			});
		},
		close: () => socket.close(),
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
