import { defineResource } from '../../description/defineResource';
import { getBrandingOperation } from './getBranding';
import { getDataRetentionOperation } from './getDataRetention';
import { settings } from './fields';

/** The Settings resource: the account's branding and data retention, read-only. */
export const settingsResource = defineResource({
	resource: settings,
	name: 'Settings',
	operations: [getBrandingOperation, getDataRetentionOperation],
	defaultOperation: 'getBranding',
});
