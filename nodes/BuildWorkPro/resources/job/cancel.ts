import { customOperation, recordPath } from '../../description/operations';
import { job } from './fields';
import { requireJobId } from './preSend';

/** POST /jobs/{id}/cancel: queued or running → cancelled (409 once it has ended). */
export const cancelOperation = customOperation(
	job,
	{
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a job',
		description:
			'Cancel the queued or running background job with this job ID; a job that has already ended is refused. Returns the job, now cancelled.',
	},
	{ method: 'POST', url: `=${recordPath(job)}/cancel`, preSend: [requireJobId] },
);
