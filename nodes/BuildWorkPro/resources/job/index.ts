import { defineResource } from '../../description/defineResource';
import { cancelOperation } from './cancel';
import { deleteOperation } from './delete';
import { downloadOperation } from './download';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import { getErrorsOperation } from './getErrors';
import { job } from './fields';

/** The Job resource (background jobs): its operations. */
export const jobResource = defineResource({
	resource: job,
	name: 'Job',
	operations: [
		cancelOperation,
		deleteOperation,
		downloadOperation,
		getOperation,
		getAllOperation,
		getErrorsOperation,
	],
	recordId: {
		description:
			'ID of the job, such as the job ID output by an operation run without Wait for Completion',
		placeholder: 'job_5f0c2a9e8b7d4c3a1e6f9b20',
	},
});
