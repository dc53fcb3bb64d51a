import { additionalFields, requiredBodyProperty } from '../../description/fields';
import { recordAction } from '../../description/operations';
import { bid, convertFields, mappingStrategy } from './fields';

/** POST /bids/{id}/convert-to-project {mappingStrategy, …} → 201 with the new project. */
export const convertToProjectOperation = recordAction(
	bid,
	{
		value: 'convertToProject',
		name: 'Convert to Project',
		action: 'Convert a bid to a project',
		description:
			'Turn the accepted bid with this bid ID into a project. Needs a mapping strategy (line items become phases, tasks, or nothing); project name, template ID and dates (ISO 8601) are optional. Refused unless the bid is accepted and not yet converted. Returns the new project and the bid.',
		fields: [requiredBodyProperty(mappingStrategy), additionalFields(convertFields)],
	},
	'convert-to-project',
);
