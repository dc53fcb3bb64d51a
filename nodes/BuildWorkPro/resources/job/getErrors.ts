import { jobErrorsPager } from '../../files/downloads';
import { customOperation, recordPath } from '../../description/operations';
import { job } from './fields';
import { requireJobId } from './preSend';

/** GET /jobs/{id}/errors → 302 to the signed errors CSV, fetched without credentials. */
export const getErrorsOperation = customOperation(
	job,
	{
		value: 'getErrors',
		name: 'Get Errors',
		action: 'Get the row errors of a job',
		description:
			'Retrieve the rows a partial or failed import or bulk job could not process, by its job ID. Returns one item per failed row with the columns of the errors file BuildWorkPro wrote (such as the row number and the error).',
	},
	{
		method: 'GET',
		url: `=${recordPath(job)}/errors`,
		preSend: [requireJobId],
		pager: jobErrorsPager,
	},
);
