/**
 * "Only When These Fields Change": an update event starts the workflow only when its
 * previous_attributes (the old values of the fields it changed) name one of the chosen fields,
 * and the output says which of them changed, from what to what. Other events are not affected.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseFieldList } from '../../nodes/BuildWorkProTrigger/changes';
import { createTriggerHarness, type TriggerHarness } from '../harness';
import { PRODUCTION_URL, signedDelivery } from './helpers';

const SECRET = 'whsec_changed_fields';
let nextEvent = 0;

function publishedTrigger(changedFields: string, output = 'event'): TriggerHarness {
	return createTriggerHarness({
		parameters: {
			authentication: 'apiKey',
			events: ['lead.created', 'lead.updated', 'project.status_changed'],
			output,
			options: { changedFields },
		},
		credentials: { buildWorkProApi: { apiKey: 'bwp_test_unused', baseUrl: 'http://127.0.0.1:9' } },
		webhookUrl: PRODUCTION_URL,
		staticData: { endpoints: { [PRODUCTION_URL]: { signingSecret: SECRET, endpointId: 1 } } },
	});
}

function deliveredEvent(type: string, data: IDataObject, previous?: IDataObject): IDataObject {
	return {
		id: `evt_changed_${++nextEvent}`,
		type,
		created_at: '2026-03-02T15:04:05.000Z',
		tenant_id: 1,
		data: { id: 12, name: 'Maple St. remodel', assignedTo: 'Dana', stageId: 3, ...data },
		...(previous ? { previous_attributes: previous } : {}),
	};
}

async function deliver(trigger: TriggerHarness, event: IDataObject) {
	return await trigger.receive(signedDelivery(SECRET, event));
}

describe('with "Only When These Fields Change" set to "assignedTo, stageId"', () => {
	it('an update of a chosen field starts the workflow, and the output has its old and new value', async () => {
		const trigger = publishedTrigger('assignedTo, stageId');
		const result = await deliver(
			trigger,
			deliveredEvent(
				'lead.updated',
				{ assignedTo: 'Lee', name: 'Maple' },
				{
					assignedTo: 'Dana',
					name: 'Maple St. remodel',
				},
			),
		);

		expect(result).toMatchObject({ status: 200, started: true });
		expect(result.items[0].json).toMatchObject({
			type: 'lead.updated',
			data: { assignedTo: 'Lee' },
			changedFields: { assignedTo: { old: 'Dana', new: 'Lee' } },
		});
		// Only the chosen fields are listed: name changed too, but was not chosen.
		expect(Object.keys(result.items[0].json.changedFields as IDataObject)).toEqual(['assignedTo']);
	});

	it('lists every chosen field that changed', async () => {
		const result = await deliver(
			publishedTrigger('assignedTo, stageId'),
			deliveredEvent(
				'lead.updated',
				{ assignedTo: 'Lee', stageId: 9 },
				{ assignedTo: 'Dana', stageId: 3 },
			),
		);
		expect(result.items[0].json.changedFields).toEqual({
			assignedTo: { old: 'Dana', new: 'Lee' },
			stageId: { old: 3, new: 9 },
		});
	});

	it('"Record Only" output carries the changes beside eventType and eventId', async () => {
		const result = await deliver(
			publishedTrigger('assignedTo, stageId', 'record'),
			deliveredEvent('lead.updated', { stageId: 4 }, { stageId: 3 }),
		);
		expect(result.items[0].json).toMatchObject({
			id: 12,
			stageId: 4,
			eventType: 'lead.updated',
			changedFields: { stageId: { old: 3, new: 4 } },
		});
	});

	it('an update of other fields only is acknowledged with 200 and starts nothing', async () => {
		const result = await deliver(
			publishedTrigger('assignedTo, stageId'),
			deliveredEvent('lead.updated', { name: 'Maple' }, { name: 'Maple St. remodel' }),
		);
		expect(result).toMatchObject({ status: 200, started: false });
		expect(result.body).toMatchObject({ received: true, ignored: 'lead.updated' });
	});

	it('an update without previous_attributes changed none of them: 200, nothing started', async () => {
		const result = await deliver(
			publishedTrigger('assignedTo'),
			deliveredEvent('lead.updated', {}),
		);
		expect(result).toMatchObject({ status: 200, started: false });
	});

	it.each(['lead.created', 'project.status_changed'])(
		'a %s event starts the workflow as always, without changedFields',
		async (type) => {
			const result = await deliver(
				publishedTrigger('stageId'),
				deliveredEvent(
					type,
					{ status: 'completed' },
					type === 'project.status_changed' ? { status: 'active' } : undefined,
				),
			);
			expect(result).toMatchObject({ status: 200, started: true });
			expect(result.items[0].json).not.toHaveProperty('changedFields');
		},
	);
});

describe('the list of field names', () => {
	it('tolerates spaces and empty entries', () => {
		expect(parseFieldList(' status , ,stageId,, ')).toEqual(['status', 'stageId']);
		expect(parseFieldList('status,status')).toEqual(['status']);
	});

	it('left empty (or only commas and spaces), every update starts the workflow, as without the option', async () => {
		for (const empty of ['', ' , ']) {
			const result = await deliver(
				publishedTrigger(empty),
				deliveredEvent('lead.updated', { name: 'Maple' }, { name: 'Maple St. remodel' }),
			);
			expect(result).toMatchObject({ status: 200, started: true });
			expect(result.items[0].json).not.toHaveProperty('changedFields');
		}
	});

	it('a chosen field with spaces around it in the list still matches', async () => {
		const result = await deliver(
			publishedTrigger('  stageId  '),
			deliveredEvent('lead.updated', { stageId: 5 }, { stageId: 3 }),
		);
		expect(result.items[0].json.changedFields).toEqual({ stageId: { old: 3, new: 5 } });
	});
});
