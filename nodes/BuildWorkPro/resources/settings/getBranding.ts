import { customOperation } from '../../description/operations';
import { settings } from './fields';

/** GET /settings/branding (needs users:read). */
export const getBrandingOperation = customOperation(
	settings,
	{
		value: 'getBranding',
		name: 'Get Branding',
		action: 'Get the branding settings',
		description:
			"Read the account's branding settings. Returns one item with the company name, the primary and accent colours and whether a logo is set; the logo image itself is not part of the API.",
	},
	{ method: 'GET', url: `${settings.path}/branding` },
);
