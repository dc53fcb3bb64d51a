import { sendIdList } from '../../routing/preSend';
import { MAX_IDS_PER_BULK_CALL } from './fields';

/** `ids` of Bulk Delete and Bulk Restore: at most 500 product IDs, sent once each. */
export const requireBulkIdList = sendIdList({
	max: MAX_IDS_PER_BULK_CALL,
	noun: 'product',
	verb: 'change',
	tooManyHint: 'Split the list over several items or runs.',
});
