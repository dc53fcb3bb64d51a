/**
 * Where the time goes: summarises a V8 .cpuprofile (from `node --cpu-prof`) into self time per
 * area (a package under node_modules, a folder of this repository, Node internals, GC, idle) and
 * the top functions. Used by `BENCH_PROFILE=1 npm run bench`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

function areaOf(url: string, functionName: string): string {
	if (functionName === '(garbage collector)') return 'GC';
	if (functionName === '(idle)') return 'idle (waiting for I/O)';
	if (functionName === '(program)') return 'V8 / native (program)';
	if (!url) return 'native';
	if (url.startsWith('node:')) return `node internals (${url.slice(5).split('/')[0]})`;
	const nm = url.lastIndexOf('node_modules/');
	if (nm >= 0) {
		const rest = url.slice(nm + 'node_modules/'.length).split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	const repo = url.match(/\/work\/main\/(.*)$/) ?? url.match(/\/(nodes|test|bench|sandbox)\/.*$/);
	if (repo) {
		const path = repo[1] ?? repo[0];
		return path
			.split('/')
			.slice(0, path.startsWith('nodes/') ? 3 : 2)
			.join('/');
	}
	return url;
}

/** Coarser buckets for the report. */
export function categoryOf(area: string): string {
	if (area === 'idle (waiting for I/O)') return 'waiting for the server';
	if (area === 'GC') return 'garbage collection';
	if (area.startsWith('nodes/')) return 'our node code';
	if (
		[
			'n8n-workflow',
			'luxon',
			'lodash',
			'jmespath',
			'@n8n/tournament',
			'esprima-next',
			'recast',
			'ast-types',
		].includes(area)
	)
		return 'n8n parameters and expressions';
	if (['n8n-core', 'test/harness', '@n8n/di', '@n8n/config', 'reflect-metadata'].includes(area))
		return 'n8n engine';
	if (
		[
			'axios',
			'follow-redirects',
			'@n8n/backend-network',
			'form-data',
			'proxy-from-env',
			'undici',
			'native',
			'V8 / native (program)',
		].includes(area) ||
		area.startsWith('node internals')
	)
		return 'HTTP client, sockets, JSON';
	return 'other';
}

export interface ProfileSummary {
	totalMs: number;
	categories: Array<{ category: string; ms: number; share: number }>;
	areas: Array<{ area: string; ms: number; share: number }>;
	functions: Array<{ name: string; area: string; ms: number; share: number }>;
}

export function summariseCpuProfile(file: string, top = 15): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfMs = new Map<number, number>();
	profile.samples.forEach((id, index) =>
		selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000),
	);
	const totalMs = (profile.endTime - profile.startTime) / 1000;
	const areas = new Map<string, number>();
	const functions = new Map<string, { area: string; ms: number }>();
	for (const [id, ms] of selfMs) {
		const node = byId.get(id);
		if (!node) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		const area = areaOf(url, functionName);
		areas.set(area, (areas.get(area) ?? 0) + ms);
		const name =
			`${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}` : ''}`.trim();
		const entry = functions.get(name) ?? { area, ms: 0 };
		entry.ms += ms;
		functions.set(name, entry);
	}
	const sorted = <T extends { ms: number }>(list: T[]) => list.sort((a, b) => b.ms - a.ms);
	const categories = new Map<string, number>();
	for (const [area, ms] of areas)
		categories.set(categoryOf(area), (categories.get(categoryOf(area)) ?? 0) + ms);
	return {
		totalMs,
		categories: sorted(
			[...categories].map(([category, ms]) => ({ category, ms, share: ms / totalMs })),
		),
		areas: sorted([...areas].map(([area, ms]) => ({ area, ms, share: ms / totalMs }))),
		functions: sorted(
			[...functions].map(([name, { area, ms }]) => ({ name, area, ms, share: ms / totalMs })),
		).slice(0, top),
	};
}
