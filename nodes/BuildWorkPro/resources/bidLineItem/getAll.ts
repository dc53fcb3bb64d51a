import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { bidLineItem } from './fields';

/** GET /bids/{bidId}/line-items (not paginated: every line in one answer). */
export const getAllOperation = listRecords(
	bidLineItem,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many bid line items',
		description:
			'List the line items of the bid with this bid ID, in their order on the bid. Returns one item per line item with quantity, unit price and total, up to Limit unless Return All is on.',
		fields: listProperties([]),
	},
	fetchWholeList,
);
