/**
 * Project templates (tenant settings: scopes settings:read / settings:write, also for DELETE).
 * Cursor list without filters; create, get, update, soft delete.
 *
 * `projectType` and `createdBy` are accepted but not answered: the ProjectTemplate schema lists
 * only id, name, description and the timestamps.
 */
import { int, pick, str } from './common';
import type { FamilyDef } from './types';

export const projectTemplates: FamilyDef = {
	name: 'project-templates',
	nouns: { singular: 'Project template', plural: 'project templates' },
	scopes: { read: 'settings:read', write: 'settings:write', delete: 'settings:write' },
	ops: ['list', 'create', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'name', type: 'string', required: true, maxLength: 255 },
		str('description'),
		str('projectType', { maxLength: 50, hidden: true }),
		int('createdBy', { hidden: true }),
	],
	seedInput(i, random) {
		const kind = pick(random, [
			'Kitchen remodel',
			'Tenant improvement',
			'Roof replacement',
			'New home build',
			'Bathroom remodel',
		]);
		return {
			name: `${kind} template ${i + 1}`,
			description: i % 3 === 0 ? null : `Standard phases and tasks for a ${kind.toLowerCase()}.`,
			projectType: pick(random, ['residential', 'commercial', null]),
		};
	},
};
