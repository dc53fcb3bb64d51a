import { sleep } from 'n8n-workflow';

import { nodeSideError } from '../errors';
import { itemIndexOf } from './context';
import type { TransportContext } from './context';

/** Waits, but wakes up early when the execution is cancelled (and then stops with an error). */
export async function sleepUnlessCancelled(
	context: Pick<TransportContext, 'getNode' | 'getItemIndex' | 'getExecutionCancelSignal'>,
	ms: number,
): Promise<void> {
	const signal = context.getExecutionCancelSignal?.();
	let onAbort: (() => void) | undefined;
	const cancelled = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal?.addEventListener('abort', onAbort, { once: true });
	});
	await Promise.race([sleep(ms), cancelled]);
	if (onAbort) signal?.removeEventListener('abort', onAbort);
	if (signal?.aborted) {
		throw nodeSideError(
			context.getNode(),
			'The execution was cancelled while waiting for BuildWorkPro',
			{
				itemIndex: itemIndexOf(context),
			},
		);
	}
}

/** Whether the execution has been cancelled (no point in trying again). */
export function isCancelled(context: Pick<TransportContext, 'getExecutionCancelSignal'>): boolean {
	return context.getExecutionCancelSignal?.()?.aborted === true;
}
