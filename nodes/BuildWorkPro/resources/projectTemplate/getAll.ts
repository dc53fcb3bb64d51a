import { listProperties } from '../../description/fields';
import { listRecords } from '../../description/operations';
import { projectTemplate } from './fields';

/** GET /project-templates, page after page (cursor); the list has no filters. */
export const getAllOperation = listRecords(projectTemplate, {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many project templates',
	description:
		"List the tenant's project templates. Returns one item per template, up to Limit unless Return All is on.",
	fields: listProperties([]),
});
