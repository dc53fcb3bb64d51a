import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../shared/objects';

export type OutputShape = 'event' | 'record';

export type ParsedDelivery =
	| { ok: true; event: IDataObject; eventType: string }
	| { ok: false; reason: string };

/** The delivery body after its signature was checked: a JSON object with a string `type`. */
export function parseDelivery(rawBody: Buffer): ParsedDelivery {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { ok: false, reason: 'the body is not valid JSON' };
	}
	if (!isPlainObject(parsed)) {
		return { ok: false, reason: 'the body is not a JSON object' };
	}
	const event = parsed as IDataObject;
	if (typeof event.type !== 'string' || event.type === '') {
		return { ok: false, reason: 'the event has no type' };
	}
	return { ok: true, event, eventType: event.type };
}

/**
 * 'event': the delivered event as sent (id, type, created_at, tenant_id, data and, on updates,
 * previous_attributes). 'record': the resource snapshot from `data` with `eventType` and
 * `eventId` added, for workflows that only care about the record.
 */
export function shapeOutput(event: IDataObject, shape: OutputShape): IDataObject {
	if (shape !== 'record') return event;
	const data = event.data;
	const record = isPlainObject(data) ? (data as IDataObject) : {};
	return { ...record, eventType: event.type, eventId: event.id };
}
