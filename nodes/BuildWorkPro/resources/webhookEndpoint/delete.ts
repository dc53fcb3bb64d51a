import { deleteRecord } from '../../description/operations';
import { webhookEndpoint } from './fields';

/** DELETE /webhook-endpoints/{id} (soft delete: 204). */
export const deleteOperation = deleteRecord(webhookEndpoint, {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a webhook endpoint',
	description:
		'Destructive: delete the webhook endpoint with this ID; BuildWorkPro sends it no further events. A Trigger whose endpoint is deleted stops receiving events. Returns its ID with deleted set to true.',
});
