import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, optionsProperties } from '../../shared/fields';
import { settings } from './fields';
import { getBrandingOperation } from './getBranding';
import { getDataRetentionOperation } from './getDataRetention';

/** The Settings resource: the account's branding and data retention, read-only. */
export const settingsDescription: INodeProperties[] = [
	operationSelector(settings, [getBrandingOperation, getDataRetentionOperation], 'getBranding'),
	...optionsProperties(settings, [], ['getBranding', 'getDataRetention']),
];
