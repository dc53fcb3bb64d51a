/**
 * Every operation the sandbox serves, each entry with its method, path, scopes, cost and handler:
 * the router (sandbox/router.ts) finds the entry and the pipeline (sandbox/pipeline.ts) checks its
 * scopes and charges its cost before calling its handler.
 */
import type { RouteEntry } from './route';
import { ACCOUNT_ROUTES, CALLER_ROUTES } from './routes/account';
import { CONTACT_ROUTES } from './routes/contacts';
import { JOB_ROUTES } from './routes/jobs';
import { RESOURCE_ROUTES } from './routes/resources';
import { WEBHOOK_ROUTES } from './routes/webhooks';

export const ROUTES: readonly RouteEntry[] = [
	...CALLER_ROUTES,
	...CONTACT_ROUTES,
	...WEBHOOK_ROUTES,
	...RESOURCE_ROUTES,
	...JOB_ROUTES,
	...ACCOUNT_ROUTES,
];
