import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, optionsProperties } from '../../shared/fields';
import { calendarEvent } from './fields';
import { getAllFields, getAllOperation } from './getAll';

/** The Calendar Event resource (read-only): its operation selector and Get Many's fields. */
export const calendarEventDescription: INodeProperties[] = [
	operationSelector(calendarEvent, [getAllOperation]),
	...getAllFields,
	...optionsProperties(calendarEvent, [], ['getAll']),
];
