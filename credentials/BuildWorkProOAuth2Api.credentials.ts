import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * What the BuildWorkPro nodes need, family by family: every scope an operation of the action
 * node sends (the table in docs/operations.md), `webhooks:manage` for the trigger's publish/unpublish,
 * and `offline_access`, without which BuildWorkPro issues no refresh token and the credential
 * stops working when its first access token expires. BuildWorkPro grants the intersection with
 * the signed-in user's role, so asking for more than a role allows is harmless.
 */
export const DEFAULT_OAUTH_SCOPES = [
	'contacts:read contacts:write contacts:delete',
	'leads:read leads:write leads:delete',
	'projects:read projects:write projects:delete',
	'bids:read bids:write bids:delete bids:send bids:accept_reject',
	'pay_apps:read pay_apps:write pay_apps:delete pay_apps:approve pay_apps:mark_paid',
	'change_orders:read change_orders:write change_orders:delete change_orders:approve',
	'invoices:read invoices:write invoices:delete invoices:send invoices:void invoices:mark_paid',
	'site_logs:read site_logs:write site_logs:delete',
	'time_entries:read time_entries:write time_entries:delete',
	'products:read products:write products:delete',
	'documents:read documents:write documents:delete',
	'comments:read comments:write comments:delete',
	'signatures:read signatures:send',
	'notifications:read settings:read settings:write users:read audit:read',
	'jobs:read jobs:write webhooks:manage',
	'offline_access',
].join(' ');

export class BuildWorkProOAuth2Api implements ICredentialType {
	name = 'buildWorkProOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'BuildWorkPro OAuth2 API';

	icon: Icon = { light: 'file:buildWorkPro.svg', dark: 'file:buildWorkPro.dark.svg' };

	documentationUrl = 'https://github.com/buildworkpro/n8n-nodes-buildworkpro#credentials';

	properties: INodeProperties[] = [
		{
			// BuildWorkPro accepts the authorization code flow with PKCE (S256) only.
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://app.buildworkpro.com/api/v1',
			description: 'Change only if BuildWorkPro gave you a different API address',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			required: true,
			default: 'https://app.buildworkpro.com/api/v1/oauth/authorize',
			description: 'The Base URL followed by /oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			required: true,
			default: 'https://app.buildworkpro.com/api/v1/oauth/token',
			description: 'The Base URL followed by /oauth/token',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'The client_id BuildWorkPro gave the OAuth client you registered for this n8n',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			// A public client (registered with token_endpoint_auth_method "none") has no secret.
			required: false,
			default: '',
			description:
				'Only for a confidential client (registered with client_secret_post). Leave empty for a public client: BuildWorkPro refuses a secret from one.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_OAUTH_SCOPES,
			description:
				'Space-separated BuildWorkPro scopes. Keep offline_access, or the credential stops working when its first access token expires. BuildWorkPro grants only those your role allows.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// A confidential client's secret travels in the form body (client_secret_post), as BuildWorkPro documents.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
