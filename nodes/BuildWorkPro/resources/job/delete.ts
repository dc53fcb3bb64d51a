import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { customOperation, recordPath } from '../../description/operations';
import { job } from './fields';
import { requireJobId } from './preSend';

/** BuildWorkPro answers 204 without a body; the node says which job went. */
async function confirmJobDeletion(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('jobId', '', { extractValue: true })).trim();
	return [{ json: { id, deleted: true }, pairedItem: { item: this.getItemIndex() } }];
}

/** DELETE /jobs/{id}: the job is gone from the list; its files expire with it. */
export const deleteOperation = customOperation(
	job,
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a job',
		description:
			'Destructive: delete the background job with this job ID (one still running is stopped); its files are removed when they expire. Returns the job ID with deleted set to true.',
	},
	{
		method: 'DELETE',
		url: `=${recordPath(job)}`,
		preSend: [requireJobId],
		postReceive: [confirmJobDeletion],
	},
);
