import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { fetchWholeList } from '../../routing/pagination';
import { leadStage } from './fields';

/** GET /lead-stages (the whole pipeline in one answer). */
export const getAllOperation = listRecords(
	leadStage,
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many lead stages',
		description:
			'List the stages of the lead pipeline. Returns one item per stage with its ID, name, order and won/lost flags.',
		fields: listProperties([]),
	},
	fetchWholeList,
);
