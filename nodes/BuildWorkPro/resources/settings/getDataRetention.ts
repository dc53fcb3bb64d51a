import { customOperation } from '../../description/operations';
import { settings } from './fields';

/** GET /settings/data-retention (needs users:read). */
export const getDataRetentionOperation = customOperation(
	settings,
	{
		value: 'getDataRetention',
		name: 'Get Data Retention',
		action: 'Get the data retention settings',
		description:
			'Read how long the account keeps its audit log, activity log, notifications, deleted records and exports. Returns one item with a number of days for each, or null where none is set.',
	},
	{ method: 'GET', url: `${settings.path}/data-retention` },
);
