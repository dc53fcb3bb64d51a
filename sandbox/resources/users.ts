/** Tenant team members: read-only in v1 (list with a cursor, get). */
import type { FamilyDef } from './types';
import type { FieldSpec } from './fields';

/** Users every tenant starts with (ids differ per tenant; tenantUserId = tenantId × 1000 + n). */
export const DEFAULT_USERS = [
	{ firstName: 'Dana', lastName: 'Whitaker', role: 'owner', isActive: true },
	{ firstName: 'Luis', lastName: 'Ortega', role: 'project_manager', isActive: true },
	{ firstName: 'Priya', lastName: 'Raman', role: 'estimator', isActive: true },
	{ firstName: 'Sam', lastName: 'Becker', role: 'field_supervisor', isActive: false },
];

const readOnly = (name: string, type: FieldSpec['type'], nullable = false): FieldSpec => ({
	name,
	type,
	nullable,
	input: 'none',
});

export const users: FamilyDef = {
	name: 'users',
	nouns: { singular: 'User', plural: 'users' },
	scopes: { read: 'users:read', write: 'users:read', delete: 'users:read' },
	ops: ['list', 'get'],
	fields: [
		readOnly('tenantUserId', 'integer'),
		readOnly('firstName', 'string', true),
		readOnly('lastName', 'string', true),
		readOnly('email', 'string', true),
		readOnly('username', 'string'),
		readOnly('role', 'string'),
		readOnly('isActive', 'boolean'),
		readOnly('joinedAt', 'datetime', true),
	],
	initialRows: (tenantId) =>
		DEFAULT_USERS.map((u, i) => {
			const local = `${u.firstName}.${u.lastName}`.toLowerCase();
			return {
				...u,
				tenantUserId: tenantId * 1000 + i + 1,
				email: `${local}@tenant${tenantId}.example.com`,
				username: local,
				joinedAt: new Date(Date.UTC(2023, i * 2, 1 + i)).toISOString(),
			};
		}),
};
