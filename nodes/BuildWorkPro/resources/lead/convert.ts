import { recordAction } from '../../description/operations';
import { lead } from './fields';

/** POST /leads/{id}/convert → the project made from the lead. */
export const convertOperation = recordAction(
	lead,
	{
		value: 'convert',
		name: 'Convert to Project',
		action: 'Convert a lead to a project',
		description:
			'Turn the lead with this lead ID into a project. Returns the new project. Refused if the lead was already converted.',
	},
	'convert',
);
