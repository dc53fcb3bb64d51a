import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchAllOffsetPages } from '../../routing/pagination';
import { notification, notificationFilters } from './fields';

/** GET /notifications, paged by limit/offset (not by cursor), most recent first. */
export const getAllOperation = listRecords(
	notification,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many notifications',
		description:
			'List the in-app notifications of the user who owns the API key, most recent first, optionally only unread ones or one type. Returns one item per notification (readAt is empty while unread), up to Limit unless Return All is on.',
		fields: listProperties(notificationFilters),
	},
	fetchAllOffsetPages,
);
