import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../shared/objects';

/** One chosen field an update changed: its value before and after. */
export interface FieldChange {
	old: unknown;
	new: unknown;
}

/** "status, stageId" → ['status', 'stageId']: spaces and empty entries are ignored. */
export function parseFieldList(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return [
		...new Set(
			text
				.split(',')
				.map((field) => field.trim())
				.filter((field) => field !== ''),
		),
	];
}

export function isUpdateEvent(eventType: string): boolean {
	return eventType.endsWith('.updated');
}

/**
 * The chosen fields an update event changed, by `previous_attributes` (which BuildWorkPro fills
 * with the old values of exactly the changed fields), with the new values from `data`. Empty when
 * it changed none of them.
 */
export function chosenChanges(event: IDataObject, fields: string[]): Record<string, FieldChange> {
	const previous = isPlainObject(event.previous_attributes)
		? (event.previous_attributes as IDataObject)
		: {};
	const current = isPlainObject(event.data) ? (event.data as IDataObject) : {};
	const changes: Record<string, FieldChange> = {};
	for (const field of fields) {
		if (!Object.prototype.hasOwnProperty.call(previous, field)) continue;
		changes[field] = { old: previous[field], new: current[field] ?? null };
	}
	return changes;
}
