import { userChoice } from '../../description/choices';
import type { FieldSpec } from '../../description/fields';
import type { ResourceSpec } from '../../description/resource';

export const projectTemplate: ResourceSpec = {
	value: 'projectTemplate',
	noun: 'project template',
	path: '/project-templates',
	idParameter: 'projectTemplateId',
	idLabel: 'Project Template ID',
};

export const projectTemplateName: FieldSpec = {
	name: 'name',
	displayName: 'Name',
	kind: 'string',
	placeholder: 'Kitchen remodel',
	description: 'Name of the template (up to 255 characters)',
};

/** Optional template fields (Create's Additional Fields; with the name, Update's). */
export const projectTemplateFields: FieldSpec[] = [
	userChoice('createdBy', 'Created By Name or ID', 'The user the template is credited to.'),
	{ name: 'description', displayName: 'Description', kind: 'text', nullable: true },
	{
		name: 'projectType',
		displayName: 'Project Type',
		kind: 'string',
		nullable: true,
		placeholder: 'residential',
		description:
			'Kind of project the template is for, such as residential or commercial (up to 50 characters)',
	},
];
