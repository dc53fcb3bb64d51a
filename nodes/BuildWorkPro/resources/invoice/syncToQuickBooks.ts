import { recordAction } from '../../description/operations';
import { invoice } from './fields';

/** POST /invoices/{id}/qbo/sync → 202 { queued: true }. */
export const syncToQuickBooksOperation = recordAction(
	invoice,
	{
		value: 'syncToQuickBooks',
		name: 'Sync to QuickBooks',
		action: 'Sync an invoice to QuickBooks',
		description:
			'Queue the invoice with this invoice ID to be pushed to QuickBooks Online. Returns one item with queued set to true; that only means the push is queued, not that QuickBooks accepted it.',
	},
	'qbo/sync',
);
