import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/** What the BuildWorkPro nodes need; `offline_access` lets n8n refresh the token. */
const DEFAULT_SCOPES = 'contacts:read contacts:write contacts:delete webhooks:manage offline_access';

export class BuildWorkProOAuth2Api implements ICredentialType {
	name = 'buildWorkProOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'BuildWorkPro OAuth2 API';

	icon: Icon = { light: 'file:buildWorkPro.svg', dark: 'file:buildWorkPro.dark.svg' };

	documentationUrl = 'https://github.com/buildworkpro/n8n-nodes-buildworkpro#credentials';

	properties: INodeProperties[] = [
		{
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
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			required: true,
			default: 'https://app.buildworkpro.com/api/v1/oauth/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Space-separated BuildWorkPro scopes. BuildWorkPro grants only those your role allows.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
