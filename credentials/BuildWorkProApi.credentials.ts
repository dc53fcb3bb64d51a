import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BuildWorkProApi implements ICredentialType {
	name = 'buildWorkProApi';

	displayName = 'BuildWorkPro API';

	icon: Icon = { light: 'file:buildWorkPro.svg', dark: 'file:buildWorkPro.dark.svg' };

	documentationUrl = 'https://github.com/buildworkpro/n8n-nodes-buildworkpro#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A BuildWorkPro API key (starts with bwp_live_ or bwp_test_). Its scopes decide which operations work.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://app.buildworkpro.com/api/v1',
			description: 'Change only if BuildWorkPro gave you a different API address',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// GET /me needs no scope, so any valid key passes.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'BuildWorkPro did not accept this API key: check that it is complete and not revoked',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is valid but its BuildWorkPro account is suspended or its subscription is inactive',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No BuildWorkPro API at this Base URL: it should end in /api/v1',
				},
			},
		],
	};
}
