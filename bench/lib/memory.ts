/**
 * Memory readings for one process. Peak RSS comes from the kernel (VmHWM in /proc/<pid>/status),
 * reset just before the measured run by writing "5" to /proc/<pid>/clear_refs, so the peak covers
 * exactly the run and no sampling can miss a short spike. Where /proc is not writable, the peak
 * falls back to what a 10 ms RSS sampler saw. The V8 heap peak is sampled every 100 ms only:
 * process.memoryUsage() walks the heap spaces and, called every few ms on a large heap, cost the
 * measured run over 10 % of its time in a CPU profile.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function statusKb(
	field: 'VmRSS' | 'VmHWM',
	pid: number | 'self' = 'self',
): number | undefined {
	try {
		const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
			new RegExp(`${field}:\\s+(\\d+)`),
		);
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** Resets the process' peak RSS to its current RSS; false where the kernel does not allow it. */
export function resetPeakRss(pid: number | 'self' = 'self'): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

export interface MemoryWindow {
	/** Bytes. */
	rssBefore: number;
	rssPeak: number;
	heapBefore: number;
	heapPeak: number;
	/** 'kernel' (VmHWM after a reset) or 'sampled' (10 ms sampler). */
	peakSource: 'kernel' | 'sampled';
}

/**
 * Runs `work` and reports RSS and V8 heap before it and at their peak during it. Collects garbage
 * first (when --expose-gc is on) so "before" is not inflated by the previous run's garbage.
 */
export async function measureMemory<T>(
	work: () => Promise<T>,
): Promise<{ value: T; memory: MemoryWindow }> {
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	const rssBefore = process.memoryUsage().rss;
	const heapBefore = process.memoryUsage().heapUsed;
	const kernel = resetPeakRss();
	let sampledRss = rssBefore;
	let heapPeak = heapBefore;
	const rssSampler = kernel
		? undefined
		: setInterval(() => {
				const rss = process.memoryUsage.rss();
				if (rss > sampledRss) sampledRss = rss;
			}, 10);
	const heapSampler = setInterval(() => {
		const heapUsed = process.memoryUsage().heapUsed;
		if (heapUsed > heapPeak) heapPeak = heapUsed;
	}, 100);
	try {
		const value = await work();
		const usage = process.memoryUsage();
		heapPeak = Math.max(heapPeak, usage.heapUsed);
		sampledRss = Math.max(sampledRss, usage.rss);
		const hwmKb = kernel ? statusKb('VmHWM') : undefined;
		return {
			value,
			memory: {
				rssBefore,
				rssPeak: hwmKb !== undefined ? Math.max(hwmKb * 1024, sampledRss) : sampledRss,
				heapBefore,
				heapPeak,
				peakSource: hwmKb !== undefined ? 'kernel' : 'sampled',
			},
		};
	} finally {
		clearInterval(rssSampler);
		clearInterval(heapSampler);
	}
}
