// `npx tsx bench/profile-n8n.ts`: where the time goes inside n8n. Profiles n8n's main process (inspector opened with SIGUSR1, V8 sampling profiler) around Return All over 100,000 contacts, our node and the floor node, twice each; prints self time by area and the top functions.
// Diagnostic, not part of npm run bench. The profile spans the whole run as the editor sees it (the
// node's work, then n8n saving the execution's data with flatted and the bench reading it back),
// so compare the node's areas (axios, @n8n/backend-network, n8n-workflow, our dist) between the two.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, request } from 'undici';
import { startSandbox } from '../sandbox';
import { readPrepared } from '../e2e/lib/prepared';
import {
	findReadyN8n,
	startBenchN8n,
	runWorkflow,
	ourListAllWorkflow,
	floorListAllWorkflow,
	FLOOR_NODE_NAME,
	n8nMainPid,
} from './lib/n8n';
import { packFloorNode } from './lib/floor';
import { CONTACT_LIST } from './lib/lists';
import { summariseCpuProfile } from './lib/cpuProfile';

async function cdp(pid: number) {
	process.kill(pid, 'SIGUSR1');
	await new Promise((r) => setTimeout(r, 1000));
	const { body } = await request('http://127.0.0.1:9229/json/list');
	const [target] = (await body.json()) as Array<{ webSocketDebuggerUrl: string }>;
	const ws = new WebSocket(target.webSocketDebuggerUrl);
	await new Promise((r) => ws.addEventListener('open', r));
	let id = 0;
	const pending = new Map<number, (v: any) => void>();
	ws.addEventListener('message', (ev: any) => {
		const msg = JSON.parse(String(ev.data));
		if (msg.id && pending.has(msg.id)) {
			pending.get(msg.id)!(msg.result);
			pending.delete(msg.id);
		}
	});
	return (method: string, params: object = {}) =>
		new Promise<any>((resolve) => {
			const i = ++id;
			pending.set(i, resolve);
			ws.send(JSON.stringify({ id: i, method, params }));
		});
}

async function main() {
	const profileDir = mkdtempSync(join(tmpdir(), 'bwp-prof-n8n-'));
	const sandbox = await startSandbox({ testControls: true, rateLimit: { enabled: false } });
	sandbox.seed(100_000, 1);
	const floor = await packFloorNode(mkdtempSync(join(tmpdir(), 'diag-')));
	const n8n = await startBenchN8n(findReadyN8n()!, readPrepared()!.tarball, floor);
	const cred = await n8n.ours!.credentialFor('bwp_test_full_sandbox', sandbox.baseUrl);
	const post = await cdp(n8nMainPid(n8n.server.process.child.pid!));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 500 });
	try {
		for (const [who, nodes, name] of [
			['ours', ourListAllWorkflow(cred), 'BuildWorkPro'],
			['floor', floorListAllWorkflow(cred, CONTACT_LIST), FLOOR_NODE_NAME],
			['ours', ourListAllWorkflow(cred), 'BuildWorkPro'],
			['floor', floorListAllWorkflow(cred, CONTACT_LIST), FLOOR_NODE_NAME],
		] as const) {
			await post('Profiler.start');
			const run = await runWorkflow(n8n, who, nodes as any);
			const { profile } = await post('Profiler.stop');
			const file = `${profileDir}/${who}-${Date.now()}.cpuprofile`;
			writeFileSync(file, JSON.stringify(profile));
			const s = summariseCpuProfile(file);
			console.log(
				`== ${who}: node ${run.nodeTimesMs[name as string]} ms, execution ${run.executionMs} ms; profile ${s.totalMs.toFixed(0)} ms`,
			);
			for (const a of s.areas.slice(0, 12))
				console.log(`   ${a.ms.toFixed(0).padStart(6)}  ${a.area}`);
			for (const f of s.functions.slice(0, 12))
				console.log(`   ${f.ms.toFixed(0).padStart(6)}  ${f.name} [${f.area}]`);
		}
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}
main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
