import { binaryOutputProperty, downloadJobPager } from '../../files/downloads';
import { customOperation, recordPath } from '../../description/operations';
import { job } from './fields';
import { requireJobId } from './preSend';

/** GET /jobs/{id}/download → 302 to a signed URL, fetched without credentials. */
export const downloadOperation = customOperation(
	job,
	{
		value: 'download',
		name: 'Download',
		action: 'Download the file of a job',
		description:
			'Download the file a finished job produced (a PDF or a CSV export) by its job ID; only succeeded or partial jobs have one. Returns the job ID and the file as binary data in the chosen field, with its file name and type.',
		fields: [binaryOutputProperty()],
	},
	{
		method: 'GET',
		url: `=${recordPath(job)}/download`,
		preSend: [requireJobId],
		pager: downloadJobPager,
	},
);
