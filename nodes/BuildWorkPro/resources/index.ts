import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { auditLogDescription } from './auditLog';
import { bidDescription } from './bid';
import { bidLineItemDescription } from './bidLineItem';
import { calendarEventDescription } from './calendarEvent';
import { changeOrderDescription } from './changeOrder';
import { commentDescription } from './comment';
import { contactDescription } from './contact';
import { documentDescription } from './document';
import { invoiceDescription } from './invoice';
import { invoiceLineItemDescription } from './invoiceLineItem';
import { invoicePaymentDescription } from './invoicePayment';
import { jobDescription } from './job';
import { leadDescription } from './lead';
import { leadStageDescription } from './leadStage';
import { notificationDescription } from './notification';
import { payAppDescription } from './payApp';
import { productDescription } from './product';
import { productKitItemDescription } from './productKitItem';
import { projectDescription } from './project';
import { projectTemplateDescription } from './projectTemplate';
import { settingsDescription } from './settings';
import { signatureRequestDescription } from './signatureRequest';
import { siteLogDescription } from './siteLog';
import { timeEntryDescription } from './timeEntry';
import { usageDescription } from './usage';
import { userDescription } from './user';
import { webhookDeliveryDescription } from './webhookDelivery';
import { webhookEndpointDescription } from './webhookEndpoint';

/** Every resource the node offers: its name in the Resource list and its operations and fields. */
const RESOURCES: Array<{ option: INodePropertyOptions; properties: INodeProperties[] }> = [
	{ option: { name: 'Audit Log', value: 'auditLog' }, properties: auditLogDescription },
	{ option: { name: 'Bid', value: 'bid' }, properties: bidDescription },
	{ option: { name: 'Bid Line Item', value: 'bidLineItem' }, properties: bidLineItemDescription },
	{
		option: { name: 'Calendar Event', value: 'calendarEvent' },
		properties: calendarEventDescription,
	},
	{ option: { name: 'Change Order', value: 'changeOrder' }, properties: changeOrderDescription },
	{ option: { name: 'Comment', value: 'comment' }, properties: commentDescription },
	{ option: { name: 'Contact', value: 'contact' }, properties: contactDescription },
	{ option: { name: 'Document', value: 'document' }, properties: documentDescription },
	{ option: { name: 'Invoice', value: 'invoice' }, properties: invoiceDescription },
	{
		option: { name: 'Invoice Line Item', value: 'invoiceLineItem' },
		properties: invoiceLineItemDescription,
	},
	{
		option: { name: 'Invoice Payment', value: 'invoicePayment' },
		properties: invoicePaymentDescription,
	},
	{ option: { name: 'Job', value: 'job' }, properties: jobDescription },
	{ option: { name: 'Lead', value: 'lead' }, properties: leadDescription },
	{ option: { name: 'Lead Stage', value: 'leadStage' }, properties: leadStageDescription },
	{ option: { name: 'Notification', value: 'notification' }, properties: notificationDescription },
	{ option: { name: 'Pay App', value: 'payApp' }, properties: payAppDescription },
	{ option: { name: 'Product', value: 'product' }, properties: productDescription },
	{
		option: { name: 'Product Kit Item', value: 'productKitItem' },
		properties: productKitItemDescription,
	},
	{ option: { name: 'Project', value: 'project' }, properties: projectDescription },
	{
		option: { name: 'Project Template', value: 'projectTemplate' },
		properties: projectTemplateDescription,
	},
	{ option: { name: 'Settings', value: 'settings' }, properties: settingsDescription },
	{
		option: { name: 'Signature Request', value: 'signatureRequest' },
		properties: signatureRequestDescription,
	},
	{ option: { name: 'Site Log', value: 'siteLog' }, properties: siteLogDescription },
	{ option: { name: 'Time Entry', value: 'timeEntry' }, properties: timeEntryDescription },
	{ option: { name: 'Usage', value: 'usage' }, properties: usageDescription },
	{ option: { name: 'User', value: 'user' }, properties: userDescription },
	{
		option: { name: 'Webhook Delivery', value: 'webhookDelivery' },
		properties: webhookDeliveryDescription,
	},
	{
		option: { name: 'Webhook Endpoint', value: 'webhookEndpoint' },
		properties: webhookEndpointDescription,
	},
];

export const resourceOptions: INodePropertyOptions[] = RESOURCES.map(
	(resource) => resource.option,
).sort((a, b) => a.name.localeCompare(b.name));

export const resourceProperties: INodeProperties[] = RESOURCES.flatMap(
	(resource) => resource.properties,
);
