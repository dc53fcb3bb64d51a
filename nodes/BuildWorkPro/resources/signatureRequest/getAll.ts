import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { signatureRequest, signatureRequestFilters } from './fields';

/** GET /signature-requests, newest first, page after page (cursor). */
export const getAllOperation = listRecords(signatureRequest, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many signature requests',
	description:
		'List e-signature requests across bids and change orders, newest first, optionally only those of one entity type, one bid or change order ID, or one status. Returns one item per request, up to Limit unless Return All is on.',
	fields: listProperties(signatureRequestFilters),
});
