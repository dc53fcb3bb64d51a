import { customOperation } from '../../description/operations';
import { usage } from './fields';

/** GET /usage (needs audit:read); the request itself costs 1 unit. */
export const getOperation = customOperation(
	usage,
	{
		value: 'get',
		name: 'Get',
		action: 'Get the current API usage',
		description:
			"Read how much of BuildWorkPro's rate limits is used right now: the account's hourly cost budget and this API key's requests per minute. Returns one item with limit, used, remaining and the seconds until reset for each (apiKey is null for OAuth2).",
	},
	{ method: 'GET', url: usage.path },
);
