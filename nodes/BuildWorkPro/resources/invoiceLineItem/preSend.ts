import { sendOrderedIds } from '../../routing/preSend';

/** Reorder's `orderedIds`: every line item of the invoice once, in the new order. */
export const requireOrderedIds = sendOrderedIds(
	'Ordered Line Item IDs',
	'line item ID of the invoice',
);
