import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { BuildWorkProTrigger } from '../../nodes/BuildWorkProTrigger/BuildWorkProTrigger.node';
import { parseDelivery, shapeOutput } from '../../nodes/BuildWorkProTrigger/delivery';
import {
	BUILDWORKPRO_EVENT_TYPES,
	EVENT_OPTIONS,
	eventDisplayName,
} from '../../nodes/BuildWorkProTrigger/events';

const sharedDir = process.env.BWP_SHARED_DIR ?? resolve(__dirname, '../../../shared/buildworkpro');
const openapiPath = join(sharedDir, 'openapi.json');

function documentedEventTypes(): string[] | undefined {
	if (!existsSync(openapiPath)) return undefined;
	const openapi = JSON.parse(readFileSync(openapiPath, 'utf8'));
	const schema =
		openapi.paths['/webhook-endpoints'].post.requestBody.content['application/json'].schema
			.properties.eventTypes;
	return schema.items.enum as string[];
}

describe('BuildWorkPro Trigger events', () => {
	const documented = documentedEventTypes();
	const withOpenapi = documented ? it : it.skip;
	if (!documented) {
		// eslint-disable-next-line no-console
		console.warn(
			`openapi.json not found at ${openapiPath} (set BWP_SHARED_DIR): skipping the event-list check`,
		);
	}

	withOpenapi('offers exactly the event types openapi.json lists for webhook endpoints', () => {
		expect([...BUILDWORKPRO_EVENT_TYPES].sort()).toEqual([...(documented ?? [])].sort());
		expect(BUILDWORKPRO_EVENT_TYPES).toHaveLength(35);
	});

	it('shows every event under a readable, unique name', () => {
		expect(eventDisplayName('contact.created')).toBe('Contact Created');
		expect(eventDisplayName('bid.acceptance_reverted')).toBe('Bid Acceptance Reverted');
		expect(eventDisplayName('pay_app.paid')).toBe('Pay Application Paid');
		expect(eventDisplayName('project.status_changed')).toBe('Project Status Changed');
		const names = EVENT_OPTIONS.map((option) => option.name);
		expect(new Set(names).size).toBe(BUILDWORKPRO_EVENT_TYPES.length);
		// (their order, by resource: see description.test.ts)
	});

	it('listens to the three contact events by default and is not usable as a tool', () => {
		const { description } = new BuildWorkProTrigger();
		const events = description.properties.find((property) => property.name === 'events');
		expect(events?.default).toEqual(['contact.created', 'contact.updated', 'contact.deleted']);
		expect(description.name).toBe('buildWorkProTrigger');
		expect(description.usableAsTool).toBeFalsy();
		expect(description.webhooks).toEqual([
			expect.objectContaining({
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			}),
		]);
	});
});

describe('BuildWorkPro Trigger output shapes', () => {
	const event = {
		id: 'evt_42',
		type: 'contact.updated',
		created_at: '2026-11-27T12:00:00.000Z',
		tenant_id: 1,
		data: { id: 7, firstName: 'Ada', lastName: 'Lovelace' },
		previous_attributes: { firstName: 'Ana' },
	};

	it('"Whole Event" passes the delivered event through unchanged', () => {
		expect(shapeOutput(event, 'event')).toEqual(event);
	});

	it('"Record Only" gives the record with the event type and id alongside', () => {
		expect(shapeOutput(event, 'record')).toEqual({
			id: 7,
			firstName: 'Ada',
			lastName: 'Lovelace',
			eventType: 'contact.updated',
			eventId: 'evt_42',
		});
	});

	it('refuses bodies that are not a typed JSON event', () => {
		expect(parseDelivery(Buffer.from('not json'))).toMatchObject({ ok: false });
		expect(parseDelivery(Buffer.from('[1,2]'))).toMatchObject({ ok: false });
		expect(parseDelivery(Buffer.from('{"id":"evt_1"}'))).toMatchObject({ ok: false });
		expect(parseDelivery(Buffer.from(JSON.stringify(event)))).toEqual({
			ok: true,
			event,
			eventType: 'contact.updated',
		});
	});
});
