import type { INodeProperties } from 'n8n-workflow';

import { listProperties } from '../../description/fields';
import { customOperation, pathSegment } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { requirePositiveId } from '../../routing/preSend';
import { comment, entityId, entityType } from './fields';
import { requireEntityType } from './preSend';

/** The record whose thread to read: path parameters, so no routing of their own. */
const threadProperties: INodeProperties[] = [
	{
		displayName: entityType.displayName,
		name: entityType.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: entityType.placeholder,
		description: entityType.description,
	},
	{
		displayName: entityId.displayName,
		name: entityId.name,
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: entityId.description,
	},
];

/** GET /comments/{entityType}/{entityId}: the whole thread in one answer (not paginated). */
export const getAllOperation = customOperation(
	comment,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many comments',
		description:
			'List the comment thread of one record, given its entity type (such as project, bid or change_order) and entity ID. Returns one item per comment, replies included (they have parentId set), up to Limit unless Return All is on.',
		fields: [...threadProperties, ...listProperties([])],
	},
	{
		method: 'GET',
		url: `=/comments/${pathSegment('entityType')}/${pathSegment('entityId')}`,
		preSend: [requireEntityType, requirePositiveId('entityId', 'Entity ID')],
		pager: fetchWholeList,
	},
);
