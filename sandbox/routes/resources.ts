/** The operations of every family on the generic engine (sandbox/resources), as route entries. */
import { RESOURCE_OPERATIONS } from '../resources/families';
import type { RouteEntry } from '../route';

export const RESOURCE_ROUTES: readonly RouteEntry[] = RESOURCE_OPERATIONS.map(
	({ run, ...operation }) => ({
		...operation,
		handler: ({ resources }, ctx) => run(resources, ctx),
	}),
);
