/**
 * The resource families the sandbox serves through the generic engine. Adding a family is adding
 * its definition here: its routes, scopes and costs (sandbox/routes/resources.ts) follow from it.
 */
import { operationsOf } from './engine';
import { leads, leadStages } from './leads';
import { projects } from './projects';
import { users } from './users';
import { bids } from './bids';
import { changeOrders } from './changeOrders';
import { payApps } from './payApps';
import { invoices } from './invoices';
import { products } from './products';
import { siteLogs } from './siteLogs';
import { timeEntries } from './timeEntries';
import { projectTemplates } from './projectTemplates';
import { calendarEvents } from './calendarEvents';
import { comments } from './comments';
import { notifications } from './notifications';
import { signatureRequests } from './signatureRequests';
import { documents } from './documents';
import type { FamilyDef, ResourceOperation } from './types';

export const FAMILIES: readonly FamilyDef[] = [
	leadStages,
	leads,
	projects,
	bids,
	changeOrders,
	payApps,
	invoices,
	products,
	users,
	siteLogs,
	timeEntries,
	projectTemplates,
	comments,
	calendarEvents,
	notifications,
	signatureRequests,
	documents,
];

export const RESOURCE_OPERATIONS: readonly ResourceOperation[] = FAMILIES.flatMap(operationsOf);
