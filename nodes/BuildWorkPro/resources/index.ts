import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { bidDescription } from './bid';
import { bidLineItemDescription } from './bidLineItem';
import { changeOrderDescription } from './changeOrder';
import { contactDescription } from './contact';
import { invoiceDescription } from './invoice';
import { invoiceLineItemDescription } from './invoiceLineItem';
import { invoicePaymentDescription } from './invoicePayment';
import { leadDescription } from './lead';
import { leadStageDescription } from './leadStage';
import { payAppDescription } from './payApp';
import { projectDescription } from './project';
import { userDescription } from './user';

/** Every resource the node offers: its name in the Resource list and its operations and fields. */
const RESOURCES: Array<{ option: INodePropertyOptions; properties: INodeProperties[] }> = [
	{ option: { name: 'Bid', value: 'bid' }, properties: bidDescription },
	{ option: { name: 'Bid Line Item', value: 'bidLineItem' }, properties: bidLineItemDescription },
	{ option: { name: 'Change Order', value: 'changeOrder' }, properties: changeOrderDescription },
	{ option: { name: 'Contact', value: 'contact' }, properties: contactDescription },
	{ option: { name: 'Invoice', value: 'invoice' }, properties: invoiceDescription },
	{ option: { name: 'Invoice Line Item', value: 'invoiceLineItem' }, properties: invoiceLineItemDescription },
	{ option: { name: 'Invoice Payment', value: 'invoicePayment' }, properties: invoicePaymentDescription },
	{ option: { name: 'Lead', value: 'lead' }, properties: leadDescription },
	{ option: { name: 'Lead Stage', value: 'leadStage' }, properties: leadStageDescription },
	{ option: { name: 'Pay App', value: 'payApp' }, properties: payAppDescription },
	{ option: { name: 'Project', value: 'project' }, properties: projectDescription },
	{ option: { name: 'User', value: 'user' }, properties: userDescription },
];

export const resourceOptions: INodePropertyOptions[] = RESOURCES.map((resource) => resource.option).sort((a, b) =>
	a.name.localeCompare(b.name),
);

export const resourceProperties: INodeProperties[] = RESOURCES.flatMap((resource) => resource.properties);
