/** Fault injection (sandbox.injectFault, POST /__sandbox/faults): drops, error answers and delays. */
import { ApiError } from './problems';
import type { FaultKind, FaultSpec } from './types';

const FAULT_KINDS: readonly FaultKind[] = [
	'commit-then-drop',
	'drop',
	'rate-limited',
	'unavailable',
	'internal-error',
	'slow',
];

/** Faults answered with an error instead of running the request. */
const ERROR_FAULTS = {
	'rate-limited': [429, 'rate_limited', 'Rate limit exceeded (injected fault).'],
	unavailable: [
		503,
		'service_unavailable',
		'The service is temporarily unavailable (injected fault).',
	],
	'internal-error': [500, 'internal_error', 'Internal server error (injected fault).'],
} as const;

/** The error an error fault answers with, or undefined for the other kinds. */
export function faultError(fault: FaultSpec): ApiError | undefined {
	if (!(fault.kind in ERROR_FAULTS)) return undefined;
	const [status, code, detail] = ERROR_FAULTS[fault.kind as keyof typeof ERROR_FAULTS];
	const retryAfter = fault.retryAfter === undefined ? 1 : fault.retryAfter;
	const headers: Record<string, string> = {};
	if (status !== 500 && retryAfter !== null) headers['Retry-After'] = String(retryAfter);
	return new ApiError(status, code, detail, undefined, headers);
}

export class FaultInjector {
	private faults: Array<FaultSpec & { remaining: number }> = [];
	private sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private closed = false;

	inject(fault: FaultSpec): void {
		if (!fault || !FAULT_KINDS.includes(fault.kind))
			throw new Error(`fault.kind must be one of: ${FAULT_KINDS.join(', ')}`);
		this.faults.push({ ...fault, remaining: fault.count ?? 1 });
	}

	clear(): void {
		this.faults = [];
	}

	/** The first fault matching the request, used up by one (it is gone after `count` requests). */
	take(method: string, relPath: string): FaultSpec | undefined {
		const index = this.faults.findIndex((f) => {
			if (f.method && f.method.toUpperCase() !== method) return false;
			if (!f.path) return true;
			return f.path.endsWith('*') ? relPath.startsWith(f.path.slice(0, -1)) : relPath === f.path;
		});
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (--fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** Waits a 'slow' fault's delay; answers false when the sandbox closed meanwhile. */
	delay(ms: number): Promise<boolean> {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.sleeps.delete(entry);
					resolve(!this.closed);
				}, ms),
				resolve: () => resolve(false),
			};
			this.sleeps.add(entry);
		});
	}

	/** Ends every pending delay at once. */
	close(): void {
		this.closed = true;
		for (const s of this.sleeps) {
			clearTimeout(s.timer);
			s.resolve();
		}
		this.sleeps.clear();
	}
}
