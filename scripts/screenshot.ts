// Takes a screenshot of a page of a local n8n as a logged-in user, with headless Chromium driven
// over the DevTools protocol. Used to check what `npm run dev` shows:
//
//   npx tsx scripts/screenshot.ts <n8n url> <path after login, e.g. /workflow/1> <out.png>
//     [--email E] [--password P] [--wait-ms 8000] [--chromium /usr/bin/chromium] [--open-node <node name>]
//
// Logs in the way the editor does (n8n binds its session cookie to the browser id the editor keeps
// in localStorage), then opens the page and captures it. `openBrowser` is the same browser for
// scripts that drive the editor further (scripts/screenshots.ts, `npm run docs:screenshots`).
import { LOCAL_OWNER } from '../e2e/lib/stack';
import { openBrowser, sleep } from '../e2e/lib/browser';

// The browser helper lives in e2e/lib/browser.ts; re-exported for the scripts that import it from here.
export {
	openBrowser,
	sleep,
	VIEWPORT,
	type Browser,
	type Page,
	type Point,
} from '../e2e/lib/browser';

async function main() {
	const [base, path, out, ...rest] = process.argv.slice(2);
	if (!base || !path || !out)
		throw new Error(
			'Usage: tsx scripts/screenshot.ts <n8n url> <path> <out.png> [--email E] [--password P] [--wait-ms N] [--open-node <name>]',
		);
	const flag = (name: string, fallback: string) => {
		const index = rest.indexOf(name);
		return index >= 0 ? rest[index + 1] : fallback;
	};
	const waitMs = Number(flag('--wait-ms', '8000'));
	const openNode = flag('--open-node', '');
	const { page, close } = await openBrowser(flag('--chromium', process.env.CHROMIUM ?? 'chromium'));
	try {
		await page.login(
			base,
			flag('--email', LOCAL_OWNER.email),
			flag('--password', LOCAL_OWNER.password),
		);
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

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
