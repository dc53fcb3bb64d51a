// `npm run docs:screenshots`: regenerates the README's pictures of the editor (docs/images/*.png)
// from the real thing. Starts the `npm run dev` stack in its own throw-away n8n folder
// (.tmp/docs-screenshots/, fresh every time, on free ports), drives headless Chromium (Debian's
// `chromium`; CHROMIUM=/path overrides) through the editor as a user would, saves each picture,
// then stops everything it started (the n8n folder is kept only when a picture failed, for its log).
//
//   npm run docs:screenshots [-- --only node-output,trigger-panel] [--out docs/images]
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { packageName } from '../e2e/lib/communityPackage';
import { repoRoot } from '../e2e/lib/install';
import { freePort } from '../e2e/lib/n8nServer';
import { createWorkflow } from '../e2e/lib/n8nWorkflows';
import { startDev, type DevSession } from './dev';
import { openBrowser, sleep, VIEWPORT, type Page } from './screenshot';

interface Shot {
	file: string;
	/** What the README says the picture shows. */
	shows: string;
	take(page: Page, session: DevSession): Promise<Clip | undefined>;
}

type Clip = { x: number; y: number; width: number; height: number };

/** JavaScript that finds `text` in the page or in the executions view's iframe. */
const hasText = (text: string) =>
	`[document, ...[...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter(Boolean)]
		.some((doc) => doc.body && doc.body.innerText.includes(${JSON.stringify(text)}))`;

/** The bounding box of the elements matching `selector`, with a margin, within the viewport. */
async function boxOf(page: Page, what: string, selector: string, margin = 24): Promise<Clip> {
	const box = await page.waitFor<Clip>(
		what,
		`(() => {
			const boxes = [...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => element.getBoundingClientRect()).filter((box) => box.width > 0);
			if (boxes.length === 0) return undefined;
			const x = Math.max(0, Math.min(...boxes.map((box) => box.left)) - ${margin});
			const y = Math.max(0, Math.min(...boxes.map((box) => box.top)) - ${margin});
			const right = Math.min(${VIEWPORT.width}, Math.max(...boxes.map((box) => box.right)) + ${margin});
			const bottom = Math.min(${VIEWPORT.height}, Math.max(...boxes.map((box) => box.bottom)) + ${margin});
			return { x, y, width: right - x, height: bottom - y };
		})()`,
	);
	return box;
}

async function openEditor(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitFor(
		`the editor at ${url}`,
		`document.querySelector('[data-test-id="canvas-node"], [data-test-id="canvas-add-button"], iframe')`,
	);
	await sleep(1_500);
}

/** Opens the node creator on the BuildWorkPro entry (its triggers or actions, depending on the workflow). */
async function openNodeCreatorOnBuildWorkPro(
	page: Page,
	open: 'canvas-add-button' | 'node-creator-plus-button',
): Promise<void> {
	await page.clickElement('the button that opens the node creator', `[data-test-id="${open}"]`);
	await page.waitFor(
		'the node creator search',
		`document.querySelector('[data-test-id="node-creator-search-bar"]')`,
	);
	await sleep(500);
	await page.type('BuildWorkPro');
	await page.clickElement(
		'BuildWorkPro in the node creator',
		'[data-test-id="node-creator-item-name"]',
		'BuildWorkPro',
	);
	await page.waitFor(
		'the node creator to list the BuildWorkPro items',
		`document.querySelector('[data-test-id="node-creator-category-item"]')`,
	);
	await sleep(1_000);
}

const nodeCreatorClip = (page: Page) =>
	boxOf(page, 'the node creator', '[data-test-id="node-creator"]', 0);

export const SHOTS: Shot[] = [
	{
		file: 'node-output.png',
		shows:
			'the run of "list contacts" that npm run dev links to, with Get many contacts opened: its 50 contacts',
		async take(page, { editor, examples, runs }) {
			await openEditor(
				page,
				`${editor}/workflow/${examples.list.workflow.id}/executions/${runs.list.id}`,
			);
			await page.openNode('Get many contacts');
			await page.waitFor('the node panel to show the output', hasText('50 items'));
			await sleep(1_000);
			return undefined;
		},
	},
	{
		file: 'trigger-canvas.png',
		shows: 'the trigger example on the canvas, its subtitle naming the events',
		async take(page, { editor, examples }) {
			await openEditor(page, `${editor}/workflow/${examples.trigger.workflow.id}`);
			const nodes = await boxOf(
				page,
				'the nodes on the canvas',
				'[data-test-id="canvas-node"]',
				70,
			);
			return { ...nodes, x: Math.max(0, nodes.x - 40), width: nodes.width + 80 };
		},
	},
	{
		file: 'trigger-panel.png',
		shows: "the trigger's panel: the notice, the events, and how to make an event happen",
		async take(page, { editor, examples }) {
			await openEditor(page, `${editor}/workflow/${examples.trigger.workflow.id}`);
			await page.openNode('BuildWorkPro Trigger');
			await page.waitFor(
				'the trigger panel',
				`document.querySelector('[data-test-id="trigger-header"]')`,
			);
			await sleep(1_000);
			return undefined;
		},
	},
	{
		file: 'credential.png',
		shows: 'a new credential created from the node: the dialog, its API Key / OAuth2 switch opened',
		async take(page, { editor, examples }) {
			await openEditor(page, `${editor}/workflow/${examples.create.workflow.id}`);
			await page.openNode('Create a contact');
			await page.clickElement(
				'the Credential field',
				'[data-test-id="node-credentials-select"] input',
			);
			// The list unfolds with an animation (longer with two credentials in it): click once it is still.
			await sleep(800);
			await page.clickElement(
				'"Create new credential"',
				'[data-test-id="node-credentials-select-item-new"]',
			);
			await page.waitFor(
				'the credential dialog',
				`!!document.querySelector('[data-test-id="editCredential-modal"]')`,
			);
			await sleep(800);
			await page.clickElement(
				"the dialog's API Key / OAuth2 switch",
				'[data-test-id="credential-mode-dropdown-trigger"]',
			);
			await page.waitFor('the switch to show OAuth2', hasText('OAuth2'));
			await sleep(800);
			return await boxOf(
				page,
				'the credential dialog',
				'[data-test-id="editCredential-modal"]',
				0,
			).catch(() => undefined);
		},
	},
	{
		file: 'node-creator-triggers.png',
		shows: "the node creator's BuildWorkPro triggers, contact events first",
		async take(page, { editor }) {
			await openEditor(page, `${editor}/workflow/new`);
			await openNodeCreatorOnBuildWorkPro(page, 'canvas-add-button');
			await page.waitFor('the triggers', hasText('On contact created'));
			return await nodeCreatorClip(page);
		},
	},
	{
		file: 'node-creator-actions.png',
		shows: "the node creator's BuildWorkPro actions, grouped by resource",
		async take(page, { editor, examples }) {
			await openEditor(page, `${editor}/workflow/${examples.create.workflow.id}`);
			await openNodeCreatorOnBuildWorkPro(page, 'node-creator-plus-button');
			await page.waitFor('the actions', hasText('Actions ('));
			return await nodeCreatorClip(page);
		},
	},
	{
		file: 'locator-list.png',
		shows:
			"version 2's record picker: Bid → Update with the Bid field's From list open on the bids of dev's demo pipeline",
		async take(page, { editor, stack }) {
			const credentials = {
				buildWorkProApi: { id: stack.credential.id, name: stack.credential.name },
			};
			const workflow = await createWorkflow(stack.client, 'Update a bid', [
				{
					name: 'When clicking ‘Execute workflow’',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
				},
				{
					name: 'Update a bid',
					type: `${packageName}.buildWorkPro`,
					typeVersion: 2,
					parameters: {
						resource: 'bid',
						operation: 'update',
						bidId: { __rl: true, mode: 'list', value: '' },
						updateFields: {},
					},
					credentials,
				},
			]);
			await openEditor(page, `${editor}/workflow/${workflow.id}`);
			await page.openNode('Update a bid');
			await page.clickElement('the Bid field', '[data-test-id="rlc-input"]');
			await page.waitFor(
				"the Bid list's records",
				`document.querySelectorAll('[data-test-id="rlc-item"]').length >= 3`,
			);
			await sleep(1_000);
			return undefined;
		},
	},
];

async function main() {
	const args = process.argv.slice(2);
	const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
	const only = flag('--only')?.split(',');
	const outDir = join(repoRoot, flag('--out') ?? join('docs', 'images'));
	const shots = SHOTS.filter((shot) => !only || only.includes(shot.file.replace(/\.png$/, '')));
	if (shots.length === 0)
		throw new Error(
			`--only matches none of: ${SHOTS.map((shot) => shot.file.replace(/\.png$/, '')).join(', ')}`,
		);
	mkdirSync(outDir, { recursive: true });

	const userFolder = join(repoRoot, '.tmp', 'docs-screenshots', 'n8n');
	const session = await startDev({
		port: await freePort(),
		sandboxPort: await freePort(),
		seed: 50,
		fresh: true,
		version: process.env.N8N_E2E_VERSION,
		userFolder,
	});
	const failed: string[] = [];
	try {
		const { page, close } = await openBrowser();
		try {
			await page.login(session.editor);
			for (const shot of shots) {
				const out = join(outDir, shot.file);
				try {
					const clip = await shot.take(page, session);
					await page.screenshot(out, clip);
					console.log(
						`${relative(repoRoot, out)} (${Math.round(statSync(out).size / 1024)} KB): ${shot.shows}`,
					);
				} catch (error) {
					failed.push(shot.file);
					console.error(`${shot.file} failed: ${(error as Error).message}`);
					await page
						.screenshot(join(repoRoot, '.tmp', 'docs-screenshots', `failed-${shot.file}`))
						.catch(() => undefined);
				}
				await page.press('Escape').catch(() => undefined);
			}
		} finally {
			await close();
		}
	} finally {
		await session.stop();
	}
	if (failed.length > 0) {
		console.error(
			`${failed.length} screenshot(s) failed: ${failed.join(', ')} (what the browser showed: .tmp/docs-screenshots/failed-*.png)`,
		);
		process.exit(1);
	}
	rmSync(userFolder, { recursive: true, force: true });
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
