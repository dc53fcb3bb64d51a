import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { webhookEndpoint } from './fields';

/** GET /webhook-endpoints: every endpoint of the account (at most 200) in one answer, unpaginated. */
export const getAllOperation = listRecords(
	webhookEndpoint,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many webhook endpoints',
		description:
			"List the account's webhook endpoints, including the Trigger's. Returns one item per endpoint with its URL, event types and delivery health, up to Limit unless Return All is on; never signing secrets.",
		fields: listProperties([]),
	},
	fetchWholeList,
);
