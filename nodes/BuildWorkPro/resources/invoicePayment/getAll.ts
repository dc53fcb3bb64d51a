import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { invoicePayment } from './fields';

/** GET /invoices/{invoiceId}/payments (not paginated: the whole ledger in one answer). */
export const getAllOperation = listRecords(
	invoicePayment,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many invoice payments',
		description:
			'List the payment ledger of the invoice with this invoice ID, oldest first, voided payments included (they have voidedAt set). Returns one item per payment, up to Limit unless Return All is on.',
		fields: listProperties([]),
	},
	fetchWholeList,
);
