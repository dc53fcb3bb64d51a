import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const leadStage: ResourceSpec = {
	value: 'leadStage',
	noun: 'lead stage',
	path: '/lead-stages',
	idParameter: 'leadStageId',
	idLabel: 'Lead Stage ID',
};

export const stageName: FieldSpec = {
	name: 'name',
	displayName: 'Name',
	kind: 'string',
	placeholder: 'Qualified',
	description: 'Name of the stage',
};

export const stageFields: FieldSpec[] = [
	{
		name: 'color',
		displayName: 'Color',
		kind: 'string',
		nullable: true,
		placeholder: '#3B82F6',
		description: 'Colour of the stage in BuildWorkPro, as a hex code',
	},
	{
		name: 'isDefault',
		displayName: 'Is Default',
		kind: 'boolean',
		description: 'Whether new leads start in this stage',
	},
	{
		name: 'isLost',
		displayName: 'Is Lost',
		kind: 'boolean',
		description: 'Whether leads in this stage count as lost',
	},
	{
		name: 'isWon',
		displayName: 'Is Won',
		kind: 'boolean',
		description: 'Whether leads in this stage count as won',
	},
	{
		name: 'order',
		displayName: 'Order',
		kind: 'number',
		description: 'Position of the stage in the pipeline (lower comes first)',
	},
];
