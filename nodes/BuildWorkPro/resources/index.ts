import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { DefinedResource } from '../description/defineResource';
import { nodeProperties } from '../description/nodeProperties';
import { resourcesWithSimplify } from '../routing/simplifiedFields';
import { auditLogResource } from './auditLog';
import { bidResource } from './bid';
import { bidLineItemResource } from './bidLineItem';
import { calendarEventResource } from './calendarEvent';
import { changeOrderResource } from './changeOrder';
import { commentResource } from './comment';
import { contactResource } from './contact';
import { documentResource } from './document';
import { invoiceResource } from './invoice';
import { invoiceLineItemResource } from './invoiceLineItem';
import { invoicePaymentResource } from './invoicePayment';
import { jobResource } from './job';
import { leadResource } from './lead';
import { leadStageResource } from './leadStage';
import { notificationResource } from './notification';
import { payAppResource } from './payApp';
import { productResource } from './product';
import { productKitItemResource } from './productKitItem';
import { projectResource } from './project';
import { projectTemplateResource } from './projectTemplate';
import { settingsResource } from './settings';
import { signatureRequestResource } from './signatureRequest';
import { siteLogResource } from './siteLog';
import { timeEntryResource } from './timeEntry';
import { usageResource } from './usage';
import { userResource } from './user';
import { webhookDeliveryResource } from './webhookDelivery';
import { webhookEndpointResource } from './webhookEndpoint';

/** Every resource the node offers, each derived from its list of operations. */
export const RESOURCES: DefinedResource[] = [
	auditLogResource,
	bidResource,
	bidLineItemResource,
	calendarEventResource,
	changeOrderResource,
	commentResource,
	contactResource,
	documentResource,
	invoiceResource,
	invoiceLineItemResource,
	invoicePaymentResource,
	jobResource,
	leadResource,
	leadStageResource,
	notificationResource,
	payAppResource,
	productResource,
	productKitItemResource,
	projectResource,
	projectTemplateResource,
	settingsResource,
	signatureRequestResource,
	siteLogResource,
	timeEntryResource,
	usageResource,
	userResource,
	webhookDeliveryResource,
	webhookEndpointResource,
];

export const resourceOptions: INodePropertyOptions[] = RESOURCES.map(
	(resource) => resource.option,
).sort((a, b) => a.name.localeCompare(b.name));

export const resourceProperties: INodeProperties[] = nodeProperties(RESOURCES, (resource) =>
	resourcesWithSimplify().includes(resource),
);

const FIELD_LABELS = new Map(
	RESOURCES.map((resource) => [resource.option.value, resource.fieldLabels]),
);

/** The label the node shows for a field of a resource, where the field has one label there. */
export function fieldLabelOf(resource: string, name: string): string | undefined {
	return FIELD_LABELS.get(resource)?.get(name) ?? undefined;
}
