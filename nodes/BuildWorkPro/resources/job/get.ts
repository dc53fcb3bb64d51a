import { customOperation, recordPath } from '../../description/operations';
import { job } from './fields';
import { requireJobId } from './preSend';

/** GET /jobs/{id}. */
export const getOperation = customOperation(
	job,
	{
		value: 'get',
		name: 'Get',
		action: 'Get a job',
		description:
			'Retrieve one BuildWorkPro background job (PDF, export, import or bulk action) by its job ID. Returns the job with its status, progress counts, result and error message.',
	},
	{ method: 'GET', url: `=${recordPath(job)}`, preSend: [requireJobId] },
);
